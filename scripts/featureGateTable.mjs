// Prints the history of the feature gates kube-jobs follows, for src-engine/validate/featureGates.ts,
// read from each Kubernetes release's own pkg/features/kube_features.go (and, before 1.33,
// versioned_kube_features.go; the apiserver's gates from staging/src/k8s.io/apiserver/pkg/features):
// for every supported version, the gate's default and stage as that release declares it. A gate
// a release no longer lists after it went GA is on there (it was locked to its default).
// A maintenance tool for adding a version or a gate; it reads a git mirror of the Kubernetes tree.
//
// Usage: node scripts/featureGateTable.mjs REPO PREFIX VERSION=COMMIT... -- GATE...
//   e.g. node scripts/featureGateTable.mjs $R deps/github.com/openshift/kubernetes 1.32=b3089090ce … -- EnvFiles ImageVolume
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const [repo, prefix, ...pairs] = split < 0 ? args : args.slice(0, split);
const gates = split < 0 ? [] : args.slice(split + 1);
if (!repo || !prefix || pairs.length === 0 || gates.length === 0) {
  console.error('usage: featureGateTable.mjs REPO PREFIX VERSION=COMMIT... -- GATE...');
  process.exit(2);
}
const FILES = [
  'pkg/features/kube_features.go',
  'pkg/features/versioned_kube_features.go',
  'staging/src/k8s.io/apiserver/pkg/features/kube_features.go',
];
const compare = (a, b) => {
  const [x, y] = a.split('.').map(Number);
  const [z, w] = b.split('.').map(Number);
  return x - z || y - w;
};
const STAGES = { Alpha: 'alpha', Beta: 'beta', GA: 'GA', Deprecated: 'deprecated' };

/** The gate specs one release declares: name → {on, stage} at that release. */
function declared(version, commit) {
  const out = {};
  for (const file of FILES) {
    let text;
    try {
      text = execFileSync('git', ['-C', repo, 'show', `${commit}:${prefix}/${file}`], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      continue;
    }
    for (const [, name, body] of text.matchAll(/^\t(\w+): \{\n((?:\t\t\{Version:.*\n)+)\t\},/gm)) {
      const specs = [
        ...body.matchAll(/Version: version\.MustParse\("([\d.]+)"\), Default: (true|false), PreRelease: featuregate\.(\w+)/g),
      ];
      const current = specs.filter((s) => compare(s[1], version) <= 0).pop();
      if (current) out[name] = { on: current[2] === 'true', stage: STAGES[current[3]] ?? current[3] };
    }
  }
  return out;
}

const versions = pairs.map((p) => p.split('='));
const perVersion = versions.map(([version, commit]) => [version, declared(version, commit)]);
for (const gate of gates) {
  const history = [];
  let last;
  for (const [version, table] of perVersion) {
    let state = table[gate];
    if (!state && last?.stage === 'GA') state = last;
    const key = state ? `${state.on}/${state.stage}` : 'absent';
    if (key !== (last ? `${last.on}/${last.stage}` : history.length === 0 ? undefined : 'absent')) {
      history.push(state ? `['${version}', ${state.on}, '${state.stage}']` : `['${version}', false, 'absent']`);
    }
    last = state;
  }
  console.log(`  ${gate}: [${history.join(', ')}],`);
}
