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
    } else if (WRAPPERS[name] !== undefined) {
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

type Matcher = (program: string, args: readonly string[]) => Omit<CommandIntent, 'command'> | undefined;

const task = (what: string) => ({ kind: 'task' as const, what });
const has = (args: readonly string[], ...words: string[]): boolean => words.some((w) => args.includes(w));
const MIGRATION = 'a database migration';

/** Migration tools and the frameworks' migrate commands. */
const migrations: Matcher = (p, a) => {
  if (p === 'manage.py' && has(a, 'migrate', 'makemigrations')) return task(MIGRATION);
  if (/^(?:rake|rails)$/.test(p) && a.some((w) => /^db:(?:migrate|setup|prepare|schema:load|seed)/.test(w))) {
    return task(a.some((w) => w.startsWith('db:seed')) ? 'database seeding' : MIGRATION);
  }
  if (p === 'flyway' && has(a, 'migrate', 'repair', 'baseline', 'clean')) return task(MIGRATION);
  if (p === 'liquibase' && a.some((w) => /^(?:update|rollback)/i.test(w))) return task(MIGRATION);
  if (p === 'alembic' && has(a, 'upgrade', 'downgrade', 'stamp')) return task(MIGRATION);
  if (p === 'migrate' && has(a, 'up', 'down', 'goto', 'force')) return task(MIGRATION);
  if (/^(?:dbmate|goose)$/.test(p) && has(a, 'up', 'migrate', 'down', 'rollback', 'up-by-one')) return task(MIGRATION);
  if (p === 'atlas' && has(a, 'migrate', 'schema') && has(a, 'apply')) return task(MIGRATION);
  if (p === 'sqitch' && has(a, 'deploy')) return task(MIGRATION);
  if (/^(?:knex|sequelize|sequelize-cli|typeorm|prisma|diesel|sqlx|mix|ecto)$/.test(p) && a.some((w) => /migrat/.test(w))) {
    return task(MIGRATION);
  }
  if (p === 'artisan' && a.some((w) => /^(?:migrate|db:seed)/.test(w))) return task(MIGRATION);
  if (p === 'flask' && has(a, 'db') && has(a, 'upgrade')) return task(MIGRATION);
  if (/^(?:npm|yarn|pnpm)$/.test(p) && a.some((w) => /migrat|^seed/.test(w))) return task(MIGRATION);
  return undefined;
};

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

/** Backups, dumps, restores, imports and exports of data stores. */
const dataTransfers: Matcher = (p, a) => {
  if (DUMPS[p] !== undefined) return task(DUMPS[p]);
  if (p === 'etcdctl' && has(a, 'snapshot')) return task('an etcd snapshot');
  if (p === 'velero' && has(a, 'backup', 'restore') && has(a, 'create')) return task('a Velero backup');
  if (/^(?:restic|kopia)$/.test(p) && has(a, 'backup', 'snapshot', 'forget', 'prune', 'restore')) return task('a backup');
  if (p === 'borg' && has(a, 'create', 'prune')) return task('a backup');
  if (p === 'redis-cli' && (has(a, '--rdb') || a.some((w) => /^(?:bg)?save$/i.test(w)))) return task('a Redis backup');
  if (p === 'influx' && has(a, 'backup', 'restore')) return task('an InfluxDB backup');
  if (
    p === 'manage.py' &&
    has(a, 'dumpdata', 'loaddata', 'collectstatic', 'clearsessions', 'createcachetable', 'compilemessages')
  ) {
    return task('a one-off Django command');
  }
  if (p === 'aws' && has(a, 's3') && has(a, 'cp', 'sync', 'mv')) return task('a copy to or from S3');
  if (/^(?:gsutil|gcloud)$/.test(p) && has(a, 'cp', 'rsync', 'mv')) return task('a copy to or from Cloud Storage');
  if (/^(?:rclone|azcopy)$/.test(p) && has(a, 'copy', 'sync', 'move', 'cp')) return task('a file copy');
  if (p === 'mc' && has(a, 'cp', 'mirror') && !has(a, '--watch', '-w')) return task('a file copy');
  return undefined;
};

const SERVER_PROGRAMS: ReadonlySet<string> = new Set([
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
]);

/** Servers: web servers, application servers, data stores. */
const servers: Matcher = (p, a) => {
  if (SERVER_PROGRAMS.has(p)) return { kind: 'server', what: 'a server' };
  if (p === 'manage.py' && has(a, 'runserver')) return { kind: 'server', what: 'the Django development server' };
  if (/^(?:rails|rackup)$/.test(p) && (p === 'rackup' || has(a, 'server', 's'))) {
    return { kind: 'server', what: 'the Rails server' };
  }
  if (p === 'flask' && has(a, 'run')) return { kind: 'server', what: 'the Flask server' };
  if (p === 'http.server' || (p === 'php' && has(a, '-S'))) return { kind: 'server', what: 'a web server' };
  if (/^(?:npm|yarn|pnpm)$/.test(p) && (a[0] === 'start' || (a[0] === 'run' && a[1] === 'start'))) {
    return { kind: 'server', what: 'an application started with npm start' };
  }
  if (p === 'minio' && has(a, 'server')) return { kind: 'server', what: 'a MinIO server' };
  return undefined;
};

/** Queue consumers and schedulers that run until stopped. */
const workers: Matcher = (p, a) => {
  if (p === 'celery' && has(a, 'worker', 'beat', 'flower')) return { kind: 'worker', what: 'a Celery worker' };
  if (/^(?:rq|sidekiq|dramatiq|huey_consumer|faust|arq)$/.test(p)) return { kind: 'worker', what: 'a queue worker' };
  if (p === 'manage.py' && has(a, 'rqworker', 'qcluster', 'process_tasks', 'runworker', 'celery')) {
    return { kind: 'worker', what: 'a queue worker' };
  }
  if (/^(?:rake|rails)$/.test(p) && a.some((w) => /^(?:jobs:work|resque:work|solid_queue:start|good_job)/.test(w))) {
    return { kind: 'worker', what: 'a queue worker' };
  }
  if (p === 'artisan' && a.some((w) => /^(?:queue:work|queue:listen|horizon|schedule:work)/.test(w))) {
    return { kind: 'worker', what: 'a queue worker' };
  }
  return undefined;
};

const FINITE_PROGRAMS: ReadonlySet<string> = new Set([
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
]);

/** Utilities that finish, and the forever-waiting idioms. */
const utilities: Matcher = (p, a) => {
  if (p === 'sleep') {
    return /^(?:infinity|inf)$/i.test(a[0] ?? '')
      ? { kind: 'idle', what: 'an endless wait' }
      : { kind: 'finite', what: 'a pause' };
  }
  if (p === 'tail' && a.some((w) => /^-[a-zA-Z]*[fF]/.test(w))) return { kind: 'idle', what: 'an endless wait' };
  if (p === 'kubectl') {
    return has(a, 'logs', 'port-forward', 'proxy', '--watch', '-w') ? undefined : { kind: 'finite', what: 'a kubectl command' };
  }
  if (FINITE_PROGRAMS.has(p)) return { kind: 'finite', what: `${p}, which finishes` };
  return undefined;
};

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
const scriptNames: Matcher = (p) => {
  const words = p
    .replace(/\.[a-z]+$/i, '')
    .toLowerCase()
    .split(/[-_.]+/);
  if (words.some((w) => LONG_RUNNING_WORDS.has(w))) return undefined;
  const word = words.find((w) => TASK_WORDS[w] !== undefined);
  return word !== undefined ? task(TASK_WORDS[word] as string) : undefined;
};

const MATCHERS: readonly Matcher[] = [migrations, dataTransfers, servers, workers, utilities];
const SCRIPT_MATCHERS: readonly Matcher[] = [...MATCHERS, scriptNames];

/** classifyCommand says what a simple command is for, or undefined when it is not recognised. */
export function classifyCommand(command: SimpleCommand): CommandIntent | undefined {
  const words = stripWrappers(command.words);
  const resolved = programAndArgs(words);
  if (!resolved) return undefined;
  const isScript = resolved.script || /\.(?:sh|bash|py|rb|js|mjs|ts|pl|php)$/.test(resolved.program);
  for (const match of isScript ? SCRIPT_MATCHERS : MATCHERS) {
    const found = match(resolved.program, resolved.args);
    if (found) return { ...found, command: words.join(' ') };
  }
  return undefined;
}
