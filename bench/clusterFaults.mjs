// Cluster view figures under faults, on the test API server with the demo world:
//  - requests per second one watch sends while every list and watch answers 410 Gone, over a
//    fixed window: the informer (a jittered, growing backoff before every list) against a
//    baseline loop that relists at once, as the informer did before (measured in the same run);
//  - after the API server was down long enough for every retry wait to reach its 30 s cap, the
//    time from its restart until every watch is back: the session (the /readyz probe wakes the
//    watches) against bare informers that sleep out their backoff, as before, through the same
//    outages (median of 3; each outage a third of a second longer, so the probe's phase varies).
// Environment: KUBE_JOBS_BENCH_STORM_MS, KUBE_JOBS_BENCH_OUTAGE_MS, KUBE_JOBS_BENCH_OUTAGE_ROUNDS.
// Usage: npx tsc -b test && node bench/clusterFaults.mjs   (also run by bench/cluster.mjs)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { startTestApiServer } = require('../out/test/apiserver/server.js');
const { seedDemoWorld } = require('../out/test/apiserver/demoWorld.js');
const { loadKubeconfig } = require('../out/kube/kubeconfig.js');
const { createTransport, requestJson } = require('../out/kube/transport.js');
const { ClusterSession } = require('../out/client/src/cluster/session.js');
const { Informer } = require('../out/client/src/cluster/informer.js');
const { CRONJOBS, EVENTS, JOBS, PODS } = require('../out/kube/resources.js');

const STORM_MS = Number(process.env.KUBE_JOBS_BENCH_STORM_MS ?? 10_000);
const OUTAGE_MS = Number(process.env.KUBE_JOBS_BENCH_OUTAGE_MS ?? 40_000);
const OUTAGE_ROUNDS = Number(process.env.KUBE_JOBS_BENCH_OUTAGE_ROUNDS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let requests = 0;
const server = await startTestApiServer({ onRequest: () => requests++ });
seedDemoWorld(server.store, server.logs, Date.now());
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-bench-')), 'config');
server.writeKubeconfig(file);
const { kubeConfig } = await loadKubeconfig([file], {});
const transport = createTransport(kubeConfig, 30_000);

// --- 410 Gone on every list and watch ---------------------------------------------------------
server.faults.set({ gone410Always: true });
const stormPath = '/apis/batch/v1/namespaces/demo/jobs';
/** The informer before backoff on relists: list, watch, and on 410 list again at once. */
async function relistAtOnce(signal) {
  while (!signal.aborted) {
    try {
      await requestJson(transport, 'GET', `${stormPath}?limit=500`);
      await transport.stream(`${stormPath}?watch=1&allowWatchBookmarks=true`, () => {}, signal);
    } catch {
      // 410 on the list: list again at once.
    }
  }
}
async function rate(run) {
  const before = requests;
  const t0 = performance.now();
  await run();
  return ((requests - before) * 1000) / (performance.now() - t0);
}
const baselineRate = await rate(async () => {
  const abort = new AbortController();
  const loop = relistAtOnce(abort.signal);
  await sleep(STORM_MS);
  abort.abort();
  await loop;
});
const informerRate = await rate(async () => {
  const informer = new Informer({ transport, resource: JOBS, namespace: 'demo', onChange: () => {} });
  informer.start();
  await sleep(STORM_MS);
  await informer.stop();
});
server.faults.clear();
console.log(
  `410 Gone on every list and watch, one watch over ${STORM_MS / 1000} s: ${informerRate.toFixed(2)} requests/s` +
    ` — relisting at once (before) ${baselineRate.toFixed(0)} requests/s, ratio ${(informerRate / baselineRate).toFixed(5)};` +
    ` at the 30 s cap about ${(1 / 30).toFixed(3)} requests/s`,
);

// --- the API server dies and comes back ---------------------------------------------------------
/** watchSet tracks when each watch of a group is back after the restart. */
function watchSet(count) {
  const set = {
    count,
    back: [],
    t0: 0,
    start: () => (set.t0 = performance.now()),
    mark: () => set.t0 > 0 && set.back.push(performance.now() - set.t0),
  };
  return set;
}
/** round runs a session and bare informers on the same namespaces through one outage. */
async function round(outageMs) {
  const names = ['demo', 'batch-jobs'];
  const withProbe = watchSet(8);
  let lost = 0;
  const session = new ClusterSession({
    transport,
    namespaces: { all: false, names },
    onChange: () => {},
    onHealth: (h) => {
      for (; lost > h.reconnecting; lost--) withProbe.mark();
      lost = Math.max(lost, h.reconnecting);
    },
  });
  await session.start();
  const bare = watchSet(8);
  const failed = new Set();
  const informers = names.flatMap((namespace) =>
    [CRONJOBS, JOBS, PODS, EVENTS].map((resource) => {
      const informer = new Informer({
        transport,
        resource,
        namespace,
        onChange: () => {},
        onState: (st) => {
          if (st.phase === 'error') failed.add(informer);
          else if (st.phase === 'watching' && failed.delete(informer)) bare.mark();
        },
      });
      return informer;
    }),
  );
  for (const i of informers) i.start();
  await Promise.all([session.whenSynced(), ...informers.map((i) => i.whenSynced())]);
  await server.kill();
  await sleep(outageMs);
  withProbe.start();
  bare.start();
  await server.restart();
  while (withProbe.back.length < withProbe.count || bare.back.length < bare.count) await sleep(20);
  await Promise.all([session.stop(), ...informers.map((i) => i.stop())]);
  return { withProbe: withProbe.back, bare: bare.back };
}
const rounds = [];
for (let r = 0; r < OUTAGE_ROUNDS; r++) rounds.push(await round(OUTAGE_MS + r * 333));
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const every = (key) => median(rounds.map((x) => Math.max(...x[key])));
const typical = (key) => median(rounds.flatMap((x) => x[key]));
console.log(
  `API server back after ${OUTAGE_MS / 1000} s down (median of ${OUTAGE_ROUNDS}): every watch back in ${s(every('withProbe'))}` +
    ` (median watch ${s(typical('withProbe'))}; design target 5 s) — sleeping out the backoff (before) ${s(every('bare'))}` +
    ` (median watch ${s(typical('bare'))}), ratio ${(every('withProbe') / every('bare')).toFixed(3)}`,
);
await server.close();
