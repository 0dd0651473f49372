/**
 * The hostile inputs of issue #13, built in code (tests and `bench/hostile.mjs` share them):
 * each once made kube-jobs hang, exhaust memory, crash or call a broken file clean.
 */

const JOB_HEAD =
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hostile\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n';

/**
 * 999 aliases of one 5,000-key map of invalid quantities in resources.limits (~115 KB): 5 million
 * findings once took the language server to 4.2 GiB.
 */
export function aliasedLimitsJob(keys = 5000, aliases = 999): string {
  const limits = Array.from({ length: keys }, (_, i) => `k${i}: x`).join(', ');
  const lines = [
    JOB_HEAD,
    '      containers:\n',
    `        - name: c0\n          image: busybox:1.36\n          resources: {limits: &limits {${limits}}}\n`,
  ];
  for (let i = 1; i <= aliases; i++) lines.push(`        - {name: c${i}, image: "busybox:1.36", resources: {limits: *limits}}\n`);
  return lines.join('');
}

/** The classic "billion laughs": nine levels of ten aliases each (about 600 bytes, 10^9 strings expanded). */
export function billionLaughsJob(): string {
  const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    levels.push(`${names[i]}: &${names[i]} [${Array.from({ length: 10 }, () => `*${names[i - 1]}`).join(', ')}]`);
  }
  return `${levels.join('\n')}\n${JOB_HEAD}      containers:\n        - {name: c, image: "busybox:1.36", args: *i}\n`;
}

/** `- - - - …` on one line: compact nesting the old depth guard did not count (1.1 MB). */
export function compactNestingJob(depth = 550_000): string {
  const container = '        - name: c\n          image: busybox:1.36\n          args:\n';
  return `${JOB_HEAD}      containers:\n${container}            ${'- '.repeat(depth)}x\n`;
}

/** A Job with 100,000 containers: one finding each from several rules (> 125k findings). */
export function manyContainersJob(count = 100_000): string {
  const lines = [JOB_HEAD, '      containers:\n'];
  for (let i = 0; i < count; i++) lines.push(`        - {name: c${i}, image: busybox}\n`);
  return lines.join('');
}

/** A CronJob whose schedule holds ESC and BEL: a terminal would act on them. */
export function escapeSequenceCronJob(): string {
  return (
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hostile\nspec:\n  schedule: "\\e]0;pwned\\a\\e[2J0 3 * * *"\n' +
    '  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n' +
    '          containers:\n            - {name: c, image: "busybox:1.36"}\n'
  );
}
