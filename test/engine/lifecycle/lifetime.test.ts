import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { containerLifetime } from '../../../src-engine/lifecycle/containerLifetime';
import { parseScript } from '../../../src-engine/lifecycle/shellScript';
import { scheduleForInterval } from '../../../src-engine/lifecycle/intervalSchedule';

type Case = { name: string; container: Record<string, unknown>; expect: string };

const sh = (script: string): string[] => ['sh', '-c', script];

/** The lifetime each container has, summarised as `kind` or `kind:what` / `loop:<seconds>`. */
const CASES: Case[] = [
  // One-off work that finishes.
  { name: 'Django migrate', container: { command: ['python', 'manage.py', 'migrate'] }, expect: 'finishes:a database migration' },
  {
    name: 'rake through bundle exec',
    container: { command: ['bundle', 'exec', 'rake', 'db:migrate'] },
    expect: 'finishes:a database migration',
  },
  {
    name: 'flyway image with args',
    container: { image: 'flyway/flyway:10', args: ['-url=jdbc:x', 'migrate'] },
    expect: 'finishes:a database migration',
  },
  {
    name: 'alembic through python -m',
    container: { command: ['python3', '-m', 'alembic', 'upgrade', 'head'] },
    expect: 'finishes:a database migration',
  },
  {
    name: 'pg_dump piped to gzip, then echo',
    container: { command: sh('pg_dump db | gzip > /b/x.gz\necho done') },
    expect: 'finishes:a PostgreSQL dump',
  },
  {
    name: 'env assignments and exec',
    container: { command: sh('PGPASSWORD=$P exec pg_dump -h db app > /out.sql') },
    expect: 'finishes:a PostgreSQL dump',
  },
  { name: 'a backup script by name', container: { command: ['/scripts/nightly-backup.sh'] }, expect: 'finishes:a backup' },
  {
    name: 'script ending with exit',
    container: { command: sh('echo start; cp /a /b; exit 0') },
    expect: 'finishes:cp, which finishes',
  },
  { name: 'mongoexport', container: { command: ['mongoexport', '--out', '/x.json'] }, expect: 'finishes:a MongoDB export' },
  // Long-running.
  { name: 'gunicorn', container: { command: ['gunicorn', 'app:app'] }, expect: 'runs:server' },
  {
    name: 'migrate, then serve',
    container: { command: sh('python manage.py migrate && exec gunicorn app.wsgi') },
    expect: 'runs:server',
  },
  { name: 'celery worker', container: { command: ['celery', '-A', 'shop', 'worker'] }, expect: 'runs:worker' },
  { name: 'artisan queue:work', container: { command: ['php', 'artisan', 'queue:work'] }, expect: 'runs:worker' },
  { name: 'sleep infinity', container: { command: ['sleep', 'infinity'] }, expect: 'runs:idle' },
  { name: 'tail -f', container: { command: sh('tail -f /dev/null') }, expect: 'runs:idle' },
  { name: 'keep-alive loop', container: { command: sh('while true; do echo alive; sleep 60; done') }, expect: 'runs:idle' },
  { name: 'nginx image default', container: { image: 'nginx:1.27' }, expect: 'runs:server' },
  {
    name: 'postgres image with options only',
    container: { image: 'postgres:16', args: ['-c', 'max_connections=200'] },
    expect: 'runs:server',
  },
  // Loops.
  { name: 'hourly loop', container: { command: sh('while true; do python sync.py; sleep 3600; done') }, expect: 'loop:3600' },
  {
    name: 'while : with 1h and block scalar',
    container: { command: ['/bin/bash', '-ec', 'set -e\nwhile :; do\n  ./report.sh\n  sleep 1h\ndone\n'] },
    expect: 'loop:3600',
  },
  { name: 'loop around a server', container: { command: sh('while true; do gunicorn app; sleep 5; done') }, expect: 'unknown' },
  // Not recognised: nothing is guessed.
  { name: 'unknown program', container: { command: ['/app/run'] }, expect: 'unknown' },
  { name: 'unknown program then exit', container: { command: sh('/app/server; exit 1') }, expect: 'unknown' },
  { name: 'python main.py', container: { command: ['python', 'main.py'] }, expect: 'unknown' },
  { name: 'background job and wait', container: { command: sh('pg_dump db > /x & wait') }, expect: 'unknown' },
  { name: 'importer service by name', container: { command: ['python', 'import_server.py'] }, expect: 'unknown' },
  { name: 'no command, unknown image', container: { image: 'registry.example.com/app:1' }, expect: 'unknown' },
  { name: 'unterminated quote', container: { command: sh('echo "oops') }, expect: 'unknown' },
  // Names of the object prototype's members are programs like any other, not table entries.
  { name: 'a program named constructor', container: { command: ['python', '-m', 'constructor'] }, expect: 'unknown' },
  { name: 'toString as a wrapper', container: { command: ['toString', 'pg_dump', 'db'] }, expect: 'unknown' },
  { name: 'a script named constructor.sh', container: { command: ['./constructor.sh'] }, expect: 'unknown' },
  { name: 'image named constructor', container: { image: 'example/constructor:1', args: ['migrate'] }, expect: 'unknown' },
];

function summary(container: Record<string, unknown>): string {
  const lifetime = containerLifetime(container);
  switch (lifetime.kind) {
    case 'finishes':
      return `finishes:${lifetime.intent.what}`;
    case 'runs':
      return `runs:${lifetime.intent.kind}`;
    case 'loop':
      return `loop:${lifetime.intervalSeconds}`;
    default:
      return 'unknown';
  }
}

describe('container lifetime', () => {
  for (const c of CASES) {
    it(`${c.name} → ${c.expect}`, () => assert.equal(summary(c.container), c.expect));
  }

  it('answers every hostile command without throwing', () => {
    const pieces = [
      'while',
      'do',
      'done',
      'if',
      'fi',
      '(',
      ')',
      '$(',
      '`',
      '"',
      "'",
      ';',
      '&&',
      '||',
      '|',
      '&',
      '\n',
      'sleep 9',
      'exit',
      '#',
      '\\',
      'case',
      'esac',
      '{',
      '}',
    ];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 3000; i++) {
      let script = '';
      for (let j = 0; j < 30; j++) script += `${pieces[next() % pieces.length]} `;
      assert.doesNotThrow(() => containerLifetime({ command: ['sh', '-c', script] }));
    }
    assert.equal(parseScript('x'.repeat(30_000)), undefined);
  });
});

describe('scheduleForInterval', () => {
  const cases: Array<[number, string]> = [
    [300, '*/5 * * * *'],
    [900, '*/15 * * * *'],
    [3600, '0 * * * *'],
    [7200, '0 */2 * * *'],
    [21600, '0 */6 * * *'],
    [86400, '0 0 * * *'],
    [604800, '0 0 * * 0'],
    [5400, '@every 1h30m'],
    [420, '@every 7m'],
    [45, '@every 45s'],
  ];
  for (const [seconds, schedule] of cases) {
    it(`${seconds} s → ${schedule}`, () => assert.equal(scheduleForInterval(seconds), schedule));
  }
});
