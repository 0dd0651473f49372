// Differential fuzzing of the schedule engine against the real robfig/cron v3.0.1 (Go), the
// parser Kubernetes uses: random and realistic specs, zones and start instants go to both, and
// every parse verdict, error text, run time and @every delay must agree. Part of `npm test`.
//
// Needs Go and Debian's copy of the library, which build the oracle offline (no module proxy):
//   apt-get install golang-go golang-github-robfig-cron-dev   (scripts/installSystemPackages.sh)
// go.mod here points github.com/robfig/cron/v3 at Debian's sources in /usr/share/gocode.
//
// Usage: npm run build && node scripts/robfigDiff/fuzz.mjs [seed] [count]
//   seed   default: a fresh random one, printed first so that a failure can be replayed
//   count  default 20,000 cases
//   env Y0/Y1: year range of the start instants (default 1995-2034).
// Prints each disagreement and a total; exits 1 on any disagreement, 2 when Go, the library or
// the built engine is missing.
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const LIBRARY = '/usr/share/gocode/src/github.com/robfig/cron';
const ENGINE = join(here, '../../out/src-engine/schedule/index.js');

function missing(what, remedy) {
  console.error(`robfig/cron fuzz: ${what}; ${remedy}`);
  process.exit(2);
}
if (!existsSync(join(LIBRARY, 'parser.go'))) {
  missing(`robfig/cron sources not found at ${LIBRARY}`, 'apt-get install golang-go golang-github-robfig-cron-dev');
}
if (!existsSync(ENGINE)) missing(`${ENGINE} is missing`, 'run npm run build first');
const e = require(ENGINE);

const seed = process.argv[2] === undefined ? randomInt(1, 2 ** 31) : Number(process.argv[2]);
const N = Number(process.argv[3] || 20000);
console.log(`robfig/cron differential fuzz: seed ${seed}, ${N} cases (replay: node scripts/robfigDiff/fuzz.mjs ${seed} ${N})`);

/** Builds the Go oracle into a temporary folder, offline: no module proxy, Debian's sources only. */
function buildOracle(into) {
  const binary = join(into, 'robfigdiff');
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOWORK: 'off', GOTOOLCHAIN: 'local', GO111MODULE: 'on' };
  try {
    execFileSync('go', ['build', '-o', binary, '.'], { cwd: here, env, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    if (error.code === 'ENOENT') missing('the go command is not installed', 'apt-get install golang-go');
    throw error;
  }
  return binary;
}
const work = mkdtempSync(join(tmpdir(), 'robfig-diff-'));
const oracle = buildOracle(work);

/** mulberry32: every case follows from the seed. */
let state = seed;
const rnd = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1));
const ZONES = [
  'America/New_York',
  'Europe/London',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Europe/Berlin',
  'America/Santiago',
  'Antarctica/Troll',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Africa/Casablanca',
  'Asia/Tehran',
  'Europe/Dublin',
  'America/Havana',
  'Asia/Gaza',
  'Australia/Adelaide',
  'Pacific/Auckland',
  'America/Godthab',
  'US/Eastern',
  'Asia/Calcutta',
  'EST',
  'Etc/GMT+5',
  'GMT',
  'UTC',
  'Local',
  'Factory',
  'utc',
  'europe/rome',
  'Mars/Base',
  '',
  '../x',
  'America/Argentina/Buenos_Aires',
  'Europe/Moscow',
  'America/Scoresbysund',
  'America/Nuuk',
  'Asia/Dhaka',
];
const names = [
  'jan',
  'FEB',
  'Mar',
  'dec',
  'sun',
  'MON',
  'fri',
  'Sat',
  'thu',
  'January',
  'sunday',
  'foo',
  'L',
  'W',
  '1W',
  'LW',
  '1#2',
  'İ',
];
function num() {
  const r = rnd();
  if (r < 0.55) return String(int(0, 62));
  if (r < 0.62) return '0' + int(0, 9);
  if (r < 0.66) return '+' + int(0, 30);
  if (r < 0.69) return '-' + int(0, 9);
  if (r < 0.71) return pick(['99999999999999999999', '9223372036854775807', '4294967296', '18446744073709551617', '']);
  if (r < 0.78) return pick(names);
  return String(int(0, 31));
}
function item() {
  const r = rnd();
  let s;
  if (r < 0.25) s = pick(['*', '*', '?']);
  else if (r < 0.35) s = '*-' + num();
  else if (r < 0.7) s = num();
  else if (r < 0.95) s = num() + '-' + num();
  else s = num() + '-' + num() + '-' + num();
  if (rnd() < 0.3) s += '/' + (rnd() < 0.9 ? num() : num() + '/' + num());
  return s;
}
function field() {
  const k = rnd() < 0.75 ? 1 : int(0, 3);
  const items = [];
  for (let i = 0; i < k; i++) items.push(rnd() < 0.05 ? '' : item());
  return k === 0 ? ',' : items.join(',');
}
const WS = [' ', ' ', ' ', '  ', '\t', '\u00a0', '\u2003', '\n'];
function duration() {
  let s = rnd() < 0.1 ? pick(['-', '+']) : '';
  const k = int(1, 3);
  for (let i = 0; i < k; i++) {
    const r = rnd();
    s +=
      r < 0.7
        ? String(int(0, 200))
        : r < 0.85
          ? int(0, 9) + '.' + int(0, 999)
          : pick(['.5', '1.', '.', '', '0', '99999999999999']);
    s += pick(['s', 'm', 'h', 'ms', 'us', 'µs', 'ns', 'd', '', 'h ', 'S', 'μs', 'x']);
  }
  return rnd() < 0.05 ? pick(['0', '', ' 1h', '1h30', '-0']) : s;
}
function spec() {
  let body;
  const r = rnd();
  if (r < 0.65) {
    const n = rnd() < 0.93 ? 5 : pick([0, 1, 4, 6]);
    const fs = [];
    for (let i = 0; i < n; i++) fs.push(field());
    body = fs.join(pick(WS));
    if (rnd() < 0.1) body = pick(WS) + body + pick(WS);
  } else if (r < 0.8) {
    body = pick([
      '@yearly',
      '@annually',
      '@monthly',
      '@weekly',
      '@daily',
      '@midnight',
      '@hourly',
      '@reboot',
      '@Daily',
      '@daily ',
      ' @daily',
      '@every',
      '@',
    ]);
  } else {
    body = '@every ' + duration();
  }
  if (rnd() < 0.3) body = pick(['TZ=', 'CRON_TZ=']) + pick(ZONES) + pick([' ', ' ', '  ', '\t ']) + body;
  return body;
}
function realistic() {
  const f = () => pick(['*', '0', '30', '*/15', '0-10', '1,31', '*/7', '59', '45', '?', '15-45/10']);
  const h = () => pick(['*', '0', '1', '2', '3', '23', '*/3', '0-6', '1-3', '12']);
  const dom = () => pick(['*', '1', '13', '29', '30', '31', '*/2', '1-7', '?', '15,31', '*/1']);
  const mon = () => pick(['*', '*', '2', '3', '10', '11', '3,10', 'mar-nov', '*/4']);
  const dow = () => pick(['*', '*', '0', '5', '1-5', 'sun', '*/2', '?', '6,0', '*/1']);
  return 'TZ=' + pick(ZONES.slice(0, 22)) + ' ' + [f(), h(), dom(), mon(), dow()].join(' ');
}
const reqs = [];
for (let i = 0; i < N; i++) {
  const real = i % 2 === 0;
  const from = new Date(
    Date.UTC(
      int(Number(process.env.Y0 || 1995), Number(process.env.Y1 || 2034)),
      int(0, 11),
      int(1, 28),
      int(0, 23),
      int(0, 59),
      int(0, 59),
      rnd() < 0.2 ? int(0, 999) : 0,
    ),
  ).toISOString();
  reqs.push({ spec: real ? realistic() : spec(), from, count: real ? 25 : 3 });
}
const out = execFileSync(oracle, { input: reqs.map((r) => JSON.stringify(r)).join('\n') + '\n', maxBuffer: 1 << 28 })
  .toString()
  .trim()
  .split('\n');
rmSync(work, { recursive: true, force: true });
let bad = 0;
let hangs = 0;
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
for (let i = 0; i < reqs.length; i++) {
  const go = JSON.parse(out[i]);
  const r = reqs[i];
  const p = e.parseStandard(r.spec);
  let mine;
  if (!p.ok) mine = { ok: false, error: p.error };
  else {
    mine = { ok: true, next: e.nextRuns(p.schedule, Date.parse(r.from), r.count).map(iso) };
    if (p.schedule.kind === 'every') mine.everyMs = p.schedule.everyMs;
  }
  let same;
  if (go.error === 'hang') {
    hangs++;
    same = mine.ok && mine.next.length < r.count;
    if (hangs <= 5) console.log('robfig hangs:', JSON.stringify(r), 'engine stops after', mine.next && mine.next.length);
  } else if (go.ok !== mine.ok) same = go.error && go.error.startsWith('panic') && !mine.ok;
  else if (!go.ok) same = go.error === mine.error || (go.error.startsWith('panic') && !mine.ok);
  else same = JSON.stringify(go.next) === JSON.stringify(mine.next) && (go.everyMs || undefined) === mine.everyMs;
  if (!same) {
    bad++;
    if (bad <= 25) console.log(JSON.stringify(r), '\n  go  ', JSON.stringify(go), '\n  mine', JSON.stringify(mine));
  }
}
console.log(`robfig/cron differential fuzz: ${bad} mismatches in ${reqs.length} cases (robfig hung on ${hangs}), seed ${seed}`);
process.exit(bad === 0 ? 0 : 1);
