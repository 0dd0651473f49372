// Schedule engine benchmark: next-run rate with a time zone against cron-parser (the npm
// baseline, measured in the same run on the same schedules), and enumerating every run of
// `* * * * *` over one year in Europe/Berlin. Prints medians of several runs and ratios.
// Usage: npx tsc -b src-engine && node bench/schedule.mjs
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const engine = require('../out/src-engine/schedule/index.js');
const { CronExpressionParser } = require('cron-parser');

const ROUNDS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));

const cases = [
  ['*/5 * * * *', 'Europe/Berlin'],
  ['30 2 * * *', 'America/New_York'],
  ['0 9-17 * * 1-5', 'Europe/Berlin'],
  ['0 0 13 * 5', 'Australia/Lord_Howe'],
  ['15 3 1 * *', 'America/Sao_Paulo'],
  ['0 */6 * * *', 'Asia/Kathmandu'],
];
const START = Date.parse('2026-01-01T00:00:00Z');
const STEPS = 2000; // successive next() calls per case

/** Successive next runs per second, cron-parser: one iterator per case, next() STEPS times. */
function cronParserRate() {
  const t0 = performance.now();
  let n = 0;
  for (const [expr, tz] of cases) {
    const it = CronExpressionParser.parse(expr, { currentDate: new Date(START), tz });
    for (let i = 0; i < STEPS; i++) {
      it.next();
      n++;
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Same with the engine: nextRun from the previous run, with the zone passed on every call. */
function engineRate(scale) {
  const parsed = cases.map(([expr, tz]) => [engine.parseStandard(expr).schedule, tz]);
  const t0 = performance.now();
  let n = 0;
  for (let r = 0; r < scale; r++) {
    for (const [schedule, tz] of parsed) {
      let t = START;
      for (let i = 0; i < STEPS; i++) {
        t = engine.nextRun(schedule, t, tz);
        n++;
      }
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Cold single calls: nextRun from unrelated instants (no run-to-run continuity). */
function engineColdRate() {
  const parsed = cases.map(([expr, tz]) => [engine.parseStandard(expr).schedule, tz]);
  const t0 = performance.now();
  let n = 0;
  for (let i = 0; i < 20000; i++) {
    for (const [schedule, tz] of parsed) {
      engine.nextRun(schedule, START + i * 7_919_000, tz);
      n++;
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

function yearEveryMinute() {
  const s = engine.parseStandard('* * * * *').schedule;
  const from = Date.parse('2026-01-01T00:00:00+01:00') - 1;
  const until = Date.parse('2027-01-01T00:00:00+01:00') - 1;
  const t0 = performance.now();
  const count = engine.forEachRun(s, from, until, () => undefined, 'Europe/Berlin');
  return { ms: performance.now() - t0, count };
}

function cronParserWeekEveryMinute() {
  const it = CronExpressionParser.parse('* * * * *', { currentDate: new Date(START), tz: 'Europe/Berlin' });
  const t0 = performance.now();
  for (let i = 0; i < 10080; i++) it.next();
  return performance.now() - t0;
}

// Warm up (JIT, and the engine's zone tables: built once per zone and reused by every call).
const warm0 = performance.now();
engineRate(1);
const warmMs = performance.now() - warm0;
cronParserRate();
yearEveryMinute();

const cp = [];
const en = [];
const cold = [];
const year = [];
const cpWeek = [];
for (let r = 0; r < ROUNDS; r++) {
  cp.push(cronParserRate());
  en.push(engineRate(10));
  cold.push(engineColdRate());
  const y = yearEveryMinute();
  if (y.count !== 525600) throw new Error(`expected 525600 runs, got ${y.count}`);
  year.push(y.ms);
  cpWeek.push(cronParserWeekEveryMinute());
}

const cpRate = median(cp);
const enRate = median(en);
const coldRate = median(cold);
const yearMs = median(year);
const cpYearMs = (median(cpWeek) * 525600) / 10080;
console.log(`schedule bench (medians of ${ROUNDS} runs, Node ${process.version})`);
console.log(`first use incl. building zone tables for ${new Set(cases.map((c) => c[1])).size} zones: ${fmt(warmMs)} ms`);
console.log(
  `next run with a zone, successive runs: engine ${fmt(enRate)}/s, cron-parser ${fmt(cpRate)}/s  → ${fmt(enRate / cpRate)}× (target ≥ 100×)`,
);
console.log(
  `next run with a zone, unrelated instants: engine ${fmt(coldRate)}/s  → ${fmt(coldRate / cpRate)}× cron-parser's successive rate`,
);
console.log(
  `every run of "* * * * *" in Europe/Berlin over 2026 (525,600 runs): engine ${fmt(yearMs)} ms (target ≤ 1000 ms); cron-parser extrapolated from one week ${fmt(cpYearMs)} ms → ${fmt(cpYearMs / yearMs)}×`,
);
