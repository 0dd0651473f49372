// Which skipped tests the test runners accept, so that a test cannot quietly stop testing.
//
// A test may skip only because this machine lacks (or has) something outside the repository,
// it must say which in its skip reason, and the runner checks that claim itself: each skip's
// reason must match an entry of ENVIRONMENT_SKIPS whose condition really holds here. Any other
// skip (no reason, a reason not listed, a listed reason whose condition is false) and every
// `todo` test fail the run.
//
// Under `npm test` (`provisioned`), Chromium, kubectl and code-server were installed by the steps
// before the tests, so only the container engines may justify a skip: docker and podman are
// not installed by npm test, and a machine may have either, both or none.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInstalled as codeServerInstalled } from './installCodeServer.mjs';

const engineChecks = new Map();
/** Whether `<engine> info` succeeds, i.e. a container engine answers (what probeEngine in runner/ asks). */
function engineRuns(engine) {
  if (!engineChecks.has(engine)) {
    const r = spawnSync(engine, ['info', '--format', '{{json .}}'], { stdio: 'ignore', timeout: 30_000 });
    engineChecks.set(engine, r.status === 0);
  }
  return engineChecks.get(engine);
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The environment conditions a skip may name. `reason` matches the skip message the test
 * gives; `holds` checks the condition independently of the test; `installedByNpmTest` marks
 * what `npm test` provides, so that such a skip fails under `npm test`.
 */
export const ENVIRONMENT_SKIPS = [
  {
    reason: /^(docker|podman) is not usable here \(/,
    condition: (m) => `no ${m[1]} engine runs here (\`${m[1]} info\` fails)`,
    holds: (m) => !engineRuns(m[1]),
    installedByNpmTest: false,
  },
  {
    reason: /^docker engine is running here$/,
    condition: () => 'a docker engine runs here (`docker info` succeeds)',
    holds: () => engineRuns('docker'),
    installedByNpmTest: false,
  },
  {
    reason: /^\/usr\/bin\/chromium is not installed/,
    condition: () => 'no /usr/bin/chromium (scripts/installSystemPackages.sh installs it)',
    holds: () => !existsSync('/usr/bin/chromium'),
    installedByNpmTest: true,
  },
  {
    reason: /^no kubectl binary on PATH/,
    condition: () => 'no kubectl on PATH (scripts/installSystemPackages.sh installs it)',
    holds: () => !onPath('kubectl'),
    installedByNpmTest: true,
  },
  {
    reason: /^VS Code's YAML grammar is not installed/,
    condition: () => 'code-server is not installed (node scripts/installCodeServer.mjs installs it)',
    holds: () => !codeServerInstalled(),
    installedByNpmTest: true,
  },
];

/** Arguments for `node --test`: the spec reporter on stdout, skips as JSON lines to `skipLog`. */
export function nodeTestReporterArgs(skipLog) {
  const reporter = fileURLToPath(new URL('./skipReporter.mjs', import.meta.url));
  return [
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    `--test-reporter-destination=${skipLog}`,
  ];
}

/** The skips scripts/skipReporter.mjs wrote; undefined when the file is missing (the reporter never ran). */
export function readSkipLog(file) {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/** Why a skip is not accepted, or undefined with the condition that justifies it. */
function judge(skip, provisioned) {
  if (skip.kind === 'todo') return { rejected: 'a todo test does not test anything' };
  if (typeof skip.reason !== 'string') return { rejected: 'skipped without a reason' };
  for (const entry of ENVIRONMENT_SKIPS) {
    const m = entry.reason.exec(skip.reason);
    if (!m) continue;
    const condition = entry.condition(m);
    if (provisioned && entry.installedByNpmTest) {
      return { rejected: `npm test installs this, so the skip is not allowed under it (${condition})` };
    }
    if (!entry.holds(m)) return { rejected: `the reason is false here: not (${condition})` };
    return { condition };
  }
  return { rejected: 'the reason is not an environment condition scripts/testSkips.mjs allows' };
}

/**
 * Prints every skip with its verdict; returns how many were not accepted (a missing log counts
 * as one: then nothing is known about the skips).
 */
export function auditSkips(label, skips, { provisioned = false } = {}) {
  if (skips === undefined) {
    console.error(`\n${label}: the skip log was not written, so the skips cannot be checked`);
    return 1;
  }
  let rejected = 0;
  if (skips.length > 0) console.log(`\n${label}: ${skips.length} skipped test(s), checked against scripts/testSkips.mjs`);
  for (const skip of skips) {
    const verdict = judge(skip, provisioned);
    const where = `${skip.file ? `${relative(process.cwd(), skip.file)}: ` : ''}${skip.name}`;
    if (verdict.rejected) {
      rejected++;
      console.log(`  ✖ unexpected skip: ${where} (${String(skip.reason)}): ${verdict.rejected}`);
    } else {
      console.log(`  - ${where}: allowed, ${verdict.condition}`);
    }
  }
  if (rejected > 0) console.error(`${label}: ${rejected} unexpected skip(s): a test must not quietly stop testing`);
  return rejected;
}
