import { programName } from './containerCommand';
import type { SimpleCommand } from './shellScript';

/**
 * What one command is for, recognised from well-known programs and subcommands:
 * - `task`: one-off work that finishes (a migration, a backup or dump, an import or export…);
 * - `finite`: a utility that finishes (`echo`, `cp`, `curl`…), with no purpose of its own;
 * - `server`: serves requests until stopped (`gunicorn`, `nginx`, `rails server`…);
 * - `worker`: consumes a queue until stopped (`celery worker`, `sidekiq`…);
 * - `idle`: waits forever (`sleep infinity`, `tail -f /dev/null`).
 * Anything else is not recognised: the rules built on this report only what they recognise.
 */
export type IntentKind = 'task' | 'finite' | 'server' | 'worker' | 'idle';

export interface CommandIntent {
  readonly kind: IntentKind;
  /** What it is, for messages: "a database migration", "a PostgreSQL dump", "a web server". */
  readonly what: string;
  /** The command as recognised (wrappers removed). */
  readonly command: string;
}

/** Wrappers that run the rest of the line: the number is how many arguments of their own they take. */
const WRAPPERS: Readonly<Record<string, number>> = {
  exec: 0,
  time: 0,
  nohup: 0,
  command: 0,
  sudo: 0,
  stdbuf: 0,
  nice: 0,
  ionice: 0,
  tini: 0,
  'dumb-init': 0,
  catatonit: 0,
  timeout: 1,
  gosu: 1,
  'su-exec': 1,
  chpst: 1,
  setpriv: 0,
};
/** Two-word runners: `bundle exec`, `poetry run`… */
const RUNNERS: ReadonlyMap<string, string> = new Map([
  ['bundle', 'exec'],
  ['poetry', 'run'],
  ['pipenv', 'run'],
  ['uv', 'run'],
  ['pdm', 'run'],
  ['pnpm', 'exec'],
  ['yarn', 'exec'],
]);
const INTERPRETERS = /^(?:python[0-9.]*|pypy[0-9]*|ruby|node|nodejs|bun|deno|php[0-9.]*|perl|bash|sh|ash|dash|zsh|Rscript)$/;

/** stripWrappers drops environment assignments and wrappers in front of the real program. */
function stripWrappers(words: readonly string[]): string[] {
  let rest = [...words];
  for (let guard = 0; guard < 10 && rest.length > 0; guard++) {
    const head = rest[0] as string;
    const name = programName(head);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(head)) {
      rest = rest.slice(1);
    } else if (name === 'env') {
      rest = rest.slice(1);
      while (rest.length > 0 && (/^-/.test(rest[0] as string) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0] as string))) {
        rest = rest.slice(1);
      }
    } else if (Object.hasOwn(WRAPPERS, name)) {
      rest = rest.slice(1);
      while (rest.length > 0 && /^-/.test(rest[0] as string)) rest = rest.slice(1);
      rest = rest.slice(WRAPPERS[name]);
    } else if (RUNNERS.get(name) !== undefined && rest[1] === RUNNERS.get(name)) {
      rest = rest.slice(2);
    } else if (name === 'npx') {
      rest = rest.slice(1).filter((w, i) => i > 0 || !w.startsWith('-'));
    } else {
      break;
    }
  }
  return rest;
}

/**
 * programAndArgs resolves interpreters in a command without its wrappers: `python -m alembic upgrade` → `alembic upgrade`;
 * `python manage.py migrate` → `manage.py migrate`; `node dist/backup.js` → `backup.js`.
 */
function programAndArgs(rest: readonly string[]): { program: string; args: string[]; script: boolean } | undefined {
  if (rest.length === 0) return undefined;
  const name = programName(rest[0] as string);
  if (!INTERPRETERS.test(name)) return { program: name, args: rest.slice(1), script: false };
  for (let i = 1; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '-m') {
      return rest[i + 1] !== undefined ? { program: rest[i + 1] as string, args: rest.slice(i + 2), script: false } : undefined;
    }
    if (arg === '-c' || arg === '-e' || arg === '--eval') return undefined;
    if (arg.startsWith('-')) continue;
    return { program: programName(arg), args: rest.slice(i + 1), script: true };
  }
  return undefined;
}

type Intent = Omit<CommandIntent, 'command'>;
/** What a command of one program is for, from its arguments; undefined when they do not say. */
type ArgsMatcher = (args: readonly string[]) => Intent | undefined;

const task = (what: string): Intent => ({ kind: 'task', what });
const has = (args: readonly string[], ...words: string[]): boolean => words.some((w) => args.includes(w));
const MIGRATION = 'a database migration';

/**
 * The matchers of each program, in the order they are tried: migrations, then data transfers,
 * servers, workers and utilities; the first that answers wins. Keyed by program, so a command
 * of a program none of them knows (most commands) costs one lookup.
 */
const MATCHERS_BY_PROGRAM = new Map<string, ArgsMatcher[]>();

function when(programs: string | readonly string[], match: ArgsMatcher): void {
  for (const program of typeof programs === 'string' ? [programs] : programs) {
    const list = MATCHERS_BY_PROGRAM.get(program);
    if (list) list.push(match);
    else MATCHERS_BY_PROGRAM.set(program, [match]);
  }
}
const always =
  (intent: Intent): ArgsMatcher =>
  () =>
    intent;

// ---- migration tools and the frameworks' migrate commands --------------------------------

when('manage.py', (a) => (has(a, 'migrate', 'makemigrations') ? task(MIGRATION) : undefined));
when(['rake', 'rails'], (a) =>
  a.some((w) => /^db:(?:migrate|setup|prepare|schema:load|seed)/.test(w))
    ? task(a.some((w) => w.startsWith('db:seed')) ? 'database seeding' : MIGRATION)
    : undefined,
);
when('flyway', (a) => (has(a, 'migrate', 'repair', 'baseline', 'clean') ? task(MIGRATION) : undefined));
when('liquibase', (a) => (a.some((w) => /^(?:update|rollback)/i.test(w)) ? task(MIGRATION) : undefined));
when('alembic', (a) => (has(a, 'upgrade', 'downgrade', 'stamp') ? task(MIGRATION) : undefined));
when('migrate', (a) => (has(a, 'up', 'down', 'goto', 'force') ? task(MIGRATION) : undefined));
when(['dbmate', 'goose'], (a) => (has(a, 'up', 'migrate', 'down', 'rollback', 'up-by-one') ? task(MIGRATION) : undefined));
when('atlas', (a) => (has(a, 'migrate', 'schema') && has(a, 'apply') ? task(MIGRATION) : undefined));
when('sqitch', (a) => (has(a, 'deploy') ? task(MIGRATION) : undefined));
when(['knex', 'sequelize', 'sequelize-cli', 'typeorm', 'prisma', 'diesel', 'sqlx', 'mix', 'ecto'], (a) =>
  a.some((w) => /migrat/.test(w)) ? task(MIGRATION) : undefined,
);
when('artisan', (a) => (a.some((w) => /^(?:migrate|db:seed)/.test(w)) ? task(MIGRATION) : undefined));
when('flask', (a) => (has(a, 'db') && has(a, 'upgrade') ? task(MIGRATION) : undefined));
when(['npm', 'yarn', 'pnpm'], (a) => (a.some((w) => /migrat|^seed/.test(w)) ? task(MIGRATION) : undefined));

// ---- backups, dumps, restores, imports and exports of data stores ------------------------

/** Dump and restore programs of data stores, and what each does. */
const DUMPS: Readonly<Record<string, string>> = {
  pg_dump: 'a PostgreSQL dump',
  pg_dumpall: 'a PostgreSQL dump',
  pg_basebackup: 'a PostgreSQL backup',
  pg_restore: 'a PostgreSQL restore',
  mysqldump: 'a MySQL dump',
  'mariadb-dump': 'a MariaDB dump',
  mydumper: 'a MySQL dump',
  myloader: 'a MySQL restore',
  xtrabackup: 'a MySQL backup',
  mongodump: 'a MongoDB dump',
  mongorestore: 'a MongoDB restore',
  mongoexport: 'a MongoDB export',
  mongoimport: 'a MongoDB import',
  'clickhouse-backup': 'a ClickHouse backup',
  'wal-g': 'a PostgreSQL backup',
};
for (const [program, what] of Object.entries(DUMPS)) when(program, always(task(what)));
when('etcdctl', (a) => (has(a, 'snapshot') ? task('an etcd snapshot') : undefined));
when('velero', (a) => (has(a, 'backup', 'restore') && has(a, 'create') ? task('a Velero backup') : undefined));
when(['restic', 'kopia'], (a) => (has(a, 'backup', 'snapshot', 'forget', 'prune', 'restore') ? task('a backup') : undefined));
when('borg', (a) => (has(a, 'create', 'prune') ? task('a backup') : undefined));
when('redis-cli', (a) => (has(a, '--rdb') || a.some((w) => /^(?:bg)?save$/i.test(w)) ? task('a Redis backup') : undefined));
when('influx', (a) => (has(a, 'backup', 'restore') ? task('an InfluxDB backup') : undefined));
when('manage.py', (a) =>
  has(a, 'dumpdata', 'loaddata', 'collectstatic', 'clearsessions', 'createcachetable', 'compilemessages')
    ? task('a one-off Django command')
    : undefined,
);
when('aws', (a) => (has(a, 's3') && has(a, 'cp', 'sync', 'mv') ? task('a copy to or from S3') : undefined));
when(['gsutil', 'gcloud'], (a) => (has(a, 'cp', 'rsync', 'mv') ? task('a copy to or from Cloud Storage') : undefined));
when(['rclone', 'azcopy'], (a) => (has(a, 'copy', 'sync', 'move', 'cp') ? task('a file copy') : undefined));
when('mc', (a) => (has(a, 'cp', 'mirror') && !has(a, '--watch', '-w') ? task('a file copy') : undefined));

// ---- servers: web servers, application servers, data stores ------------------------------

const SERVER_PROGRAMS: readonly string[] = [
  'nginx',
  'httpd',
  'apache2',
  'apache2-foreground',
  'caddy',
  'traefik',
  'haproxy',
  'envoy',
  'gunicorn',
  'uvicorn',
  'hypercorn',
  'daphne',
  'waitress-serve',
  'puma',
  'unicorn',
  'thin',
  'php-fpm',
  'http-server',
  'redis-server',
  'postgres',
  'mysqld',
  'mongod',
  'memcached',
  'rabbitmq-server',
  'elasticsearch',
  'grafana-server',
  'prometheus',
  'tensorboard',
  'jupyter',
  'jupyter-lab',
  'jupyter-notebook',
  'streamlit',
  'mlflow',
];
const server = (what: string): Intent => ({ kind: 'server', what });
when(SERVER_PROGRAMS, always(server('a server')));
when('manage.py', (a) => (has(a, 'runserver') ? server('the Django development server') : undefined));
when('rackup', always(server('the Rails server')));
when('rails', (a) => (has(a, 'server', 's') ? server('the Rails server') : undefined));
when('flask', (a) => (has(a, 'run') ? server('the Flask server') : undefined));
when('http.server', always(server('a web server')));
when('php', (a) => (has(a, '-S') ? server('a web server') : undefined));
when(['npm', 'yarn', 'pnpm'], (a) =>
  a[0] === 'start' || (a[0] === 'run' && a[1] === 'start') ? server('an application started with npm start') : undefined,
);
when('minio', (a) => (has(a, 'server') ? server('a MinIO server') : undefined));

// ---- queue consumers and schedulers that run until stopped -------------------------------

const worker = (what: string): Intent => ({ kind: 'worker', what });
when('celery', (a) => (has(a, 'worker', 'beat', 'flower') ? worker('a Celery worker') : undefined));
when(['rq', 'sidekiq', 'dramatiq', 'huey_consumer', 'faust', 'arq'], always(worker('a queue worker')));
when('manage.py', (a) =>
  has(a, 'rqworker', 'qcluster', 'process_tasks', 'runworker', 'celery') ? worker('a queue worker') : undefined,
);
when(['rake', 'rails'], (a) =>
  a.some((w) => /^(?:jobs:work|resque:work|solid_queue:start|good_job)/.test(w)) ? worker('a queue worker') : undefined,
);
when('artisan', (a) =>
  a.some((w) => /^(?:queue:work|queue:listen|horizon|schedule:work)/.test(w)) ? worker('a queue worker') : undefined,
);

// ---- utilities that finish, and the forever-waiting idioms -------------------------------

const FINITE_PROGRAMS: readonly string[] = [
  'echo',
  'printf',
  'true',
  'false',
  'exit',
  'date',
  'cp',
  'mv',
  'rm',
  'mkdir',
  'ls',
  'chmod',
  'chown',
  'touch',
  'tar',
  'gzip',
  'gunzip',
  'zip',
  'unzip',
  'curl',
  'wget',
  'psql',
  'mysql',
  'sqlcmd',
  'cqlsh',
  'helm',
  'terraform',
  'ansible-playbook',
  'find',
];
const ENDLESS_WAIT: Intent = { kind: 'idle', what: 'an endless wait' };
when('sleep', (a) => (/^(?:infinity|inf)$/i.test(a[0] ?? '') ? ENDLESS_WAIT : { kind: 'finite', what: 'a pause' }));
when('tail', (a) => (a.some((w) => /^-[a-zA-Z]*[fF]/.test(w)) ? ENDLESS_WAIT : undefined));
when('kubectl', (a) =>
  has(a, 'logs', 'port-forward', 'proxy', '--watch', '-w') ? undefined : { kind: 'finite', what: 'a kubectl command' },
);
for (const program of FINITE_PROGRAMS) when(program, always({ kind: 'finite', what: `${program}, which finishes` }));

/** Words in a script's file name that say what it does; a long-running word in the same name wins. */
const TASK_WORDS: Readonly<Record<string, string>> = {
  migrate: MIGRATION,
  migration: MIGRATION,
  migrations: MIGRATION,
  backup: 'a backup',
  dump: 'a dump',
  restore: 'a restore',
  import: 'an import',
  export: 'an export',
  seed: 'database seeding',
  backfill: 'a backfill',
  reindex: 'a reindex',
  snapshot: 'a snapshot',
};
const LONG_RUNNING_WORDS: ReadonlySet<string> = new Set(
  ['server', 'serve', 'worker', 'consumer', 'daemon', 'listener', 'watch', 'watcher', 'api', 'web', 'agent', 'bot'].concat([
    'proxy',
    'gateway',
    'poller',
    'scheduler',
    'loop',
    'stream',
    'service',
  ]),
);

/** A script whose file name says it is one-off work (`backup.sh`, `run_migrations.py`). */
function scriptNameIntent(p: string): Intent | undefined {
  const words = p
    .replace(/\.[a-z]+$/i, '')
    .toLowerCase()
    .split(/[-_.]+/);
  if (words.some((w) => LONG_RUNNING_WORDS.has(w))) return undefined;
  const word = words.find((w) => Object.hasOwn(TASK_WORDS, w));
  return word !== undefined ? task(TASK_WORDS[word] as string) : undefined;
}

/** classifyCommand says what a simple command is for, or undefined when it is not recognised. */
export function classifyCommand(command: SimpleCommand): CommandIntent | undefined {
  const words = stripWrappers(command.words);
  const resolved = programAndArgs(words);
  if (!resolved) return undefined;
  const matchers = MATCHERS_BY_PROGRAM.get(resolved.program) ?? [];
  for (const match of matchers) {
    const found = match(resolved.args);
    if (found) return { ...found, command: words.join(' ') };
  }
  const isScript = resolved.script || /\.(?:sh|bash|py|rb|js|mjs|ts|pl|php)$/.test(resolved.program);
  const byName = isScript ? scriptNameIntent(resolved.program) : undefined;
  return byName ? { ...byName, command: words.join(' ') } : undefined;
}
