// Simulator figures: a year of `* * * * *` in Europe/Berlin with Forbid, 30 s Jobs and history
// cleanup; a Job with completions 100,000 and parallelism 1,000. Each timing is the median of
// several runs, with its ratio to a baseline measured in the same run (the bare enumeration
// of the same schedule over the same year, and a trivial loop). Heap after a 1-month and a
// 12-month CronJob simulation shows that memory does not grow with the horizon.
// Usage: npx tsc -b src-engine && node --expose-gc bench/simulate.mjs
// To compare with an older build, copy its out/src-engine somewhere and point
// KUBE_JOBS_ENGINE at that copy's index.js (NODE_PATH=node_modules so it finds its deps).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const engine = require(process.env.KUBE_JOBS_ENGINE ?? '../out/src-engine/index.js');
const { simulate, specPodModel, parseStandard, forEachRun } = engine;

const START = Date.parse('2026-01-01T00:00:00Z');
const YEAR = Date.parse('2027-01-01T00:00:00Z');
const MONTH = Date.parse('2026-02-01T00:00:00Z');
const tpl = { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } };
const cronJob = { metadata: { name: 'every-minute' }, spec: { schedule: '* * * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', jobTemplate: { spec: tpl } } };
const bigJob = { metadata: { name: 'big' }, spec: { completions: 100000, parallelism: 1000, ...tpl } };

const model = (spec) => {
  const m = specPodModel(spec);
  if (!m.ok) throw new Error(m.error);
  return m.model;
};

// Wall time and this process's CPU time (the machine may be shared: CPU time is the steadier figure).
function median(fn, runs) {
  const times = [];
  const cpus = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], cpu: cpus[Math.floor(cpus.length / 2)], result };
}

const gc = globalThis.gc ?? (() => {});
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

// Baselines.
const everyMinute = parseStandard('* * * * *');
const enumerate = median(() => forEachRun(everyMinute.schedule, START, YEAR, () => true, 'Europe/Berlin'), 5);
const trivial = median(() => {
  let s = 0;
  for (let i = 0; i < 10_000_000; i++) s += i & 7;
  return s;
}, 5);

const year = median(() => simulate('CronJob', cronJob, { start: START, until: YEAR, podModel: model('succeed@30s') }), 3);
const ys = year.result.simulation;
const big = median(() => simulate('Job', bigJob, { start: START, podModel: model('succeed@10s') }), 3);
const bs = big.result.simulation;

// Heap at two horizons (result retained while measuring).
const retained = (until) => {
  const base = heapMb();
  const kept = [simulate('CronJob', cronJob, { start: START, until, podModel: model('succeed@30s') })];
  const mb = heapMb() - base;
  return kept.length > 0 ? mb : 0;
};
const monthHeap = retained(MONTH);
const yearHeap = retained(YEAR);

const fmt = (n) => n.toFixed(1);
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);
console.log(`baseline: enumerate one year of "* * * * *" in Europe/Berlin (${enumerate.result} runs): ${fmt(enumerate.ms)} ms (cpu ${fmt(enumerate.cpu)} ms); trivial 1e7 loop: ${fmt(trivial.ms)} ms`);
console.log(`CronJob year (* * * * *, Europe/Berlin, Forbid, 30 s Jobs, history cleanup): ${fmt(year.ms)} ms median (cpu ${fmt(year.cpu)} ms) — ${ys.jobsCreated} Jobs, ${Object.values(ys.eventCounts).reduce((a, b) => a + b, 0)} events; ${fmt(year.ms / enumerate.ms)}× the bare enumeration (cpu ${fmt(year.cpu / enumerate.cpu)}×), ${fmt(year.ms / trivial.ms)}× the trivial loop`);
console.log(`Job completions 100000 / parallelism 1000, all succeed: ${fmt(big.ms)} ms median (cpu ${fmt(big.cpu)} ms) — ${bs.podsCreated} pods, succeeded ${bs.status.succeeded}; ${fmt(big.ms / trivial.ms)}× the trivial loop`);
console.log(`heap retained by the CronJob result: 1 month ${fmt(monthHeap)} MB, 12 months ${fmt(yearHeap)} MB (ratio ${fmt(yearHeap / Math.max(monthHeap, 0.01))}; ${globalThis.gc ? 'with gc' : 'run with --expose-gc for exact numbers'})`);
