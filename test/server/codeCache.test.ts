/**
 * The launcher the extension starts (dist/startServer.js): the server runs with V8's code
 * cache, written when it exits and used at the next start, and never at the cost of a
 * different answer or a failed start.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { ServerStatsResult } from '../../src-engine';
import { ServerStatsRequest } from '../../src-engine';
import { CRONJOB, JOB } from './caret';
import { buildServer, LAUNCHER_BUNDLE, openDocument, SERVER_BUNDLE, startServer } from './lspClient';
import type { StartOptions } from './lspClient';

const URI = 'file:///work/jobs.yaml';
// A Job without restartPolicy and an unquoted schedule: findings from the pod template and the YAML layer.
const TEXT = `${JOB.replace(/^ *restartPolicy: .*\n/m, '')}---\n${CRONJOB.replace('"0 3 * * *"', '*/5 * * * *')}`;

interface Session {
  readonly diagnostics: DocumentDiagnosticReport;
  readonly codeCache: ServerStatsResult['codeCache'];
  readonly stderr: string;
}

/** One editor session: start, open the file, read diagnostics and stats, shut down as VS Code does. */
async function session(options: StartOptions): Promise<Session> {
  const server = await startServer(options);
  await openDocument(server, URI, TEXT);
  const diagnostics = await server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
    textDocument: { uri: URI },
  });
  const stats = await server.connection.sendRequest<ServerStatsResult>(ServerStatsRequest.method);
  await server.close();
  assert.equal(server.process.exitCode, 0, server.stderr.join(''));
  return { diagnostics, codeCache: stats.codeCache, stderr: server.stderr.join('') };
}

const cacheFiles = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.v8cache')) : [];

describe('language server code cache', () => {
  let work: string;
  let reference: DocumentDiagnosticReport;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-code-cache-'));
    reference = (await session({})).diagnostics;
    assert.equal(reference.kind, 'full');
    assert.ok(reference.kind === 'full' && reference.items.some((d) => d.code === 'restart-policy'));
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('runs without a cache when started directly or without a cache directory', async () => {
    const direct = await session({});
    assert.equal(direct.codeCache, 'off');
    buildServer();
    const launcherOnly = await session({ codeCacheDir: '', launcher: LAUNCHER_BUNDLE });
    assert.equal(launcherOnly.codeCache, 'off');
    assert.deepEqual(launcherOnly.diagnostics, reference);
  });

  it('writes the cache when the server exits and uses it at the next start, with the same diagnostics', async () => {
    const dir = path.join(work, 'first', 'code-cache');
    const first = await session({ codeCacheDir: dir });
    assert.equal(first.codeCache, 'none');
    assert.deepEqual(first.diagnostics, reference);
    const [written] = cacheFiles(dir);
    assert.ok(written, 'no cache file after the first session');
    const bytes = fs.readFileSync(path.join(dir, written));
    assert.ok(bytes.length > 100_000, `a cache of ${bytes.length} bytes holds too little`);

    const second = await session({ codeCacheDir: dir });
    assert.equal(second.codeCache, 'used');
    assert.deepEqual(second.diagnostics, reference);
    // A session that compiled nothing new leaves the cache as it was.
    assert.deepEqual(cacheFiles(dir), [written]);
    assert.ok(fs.readFileSync(path.join(dir, written)).equals(bytes));
  });

  it('says when V8 refuses a damaged cache, answers the same, and writes a good one at exit', async () => {
    const dir = path.join(work, 'damaged');
    await session({ codeCacheDir: dir });
    const [name] = cacheFiles(dir);
    assert.ok(name);
    fs.writeFileSync(path.join(dir, name), Buffer.from('not a code cache, just bytes '.repeat(100)));
    const damaged = await session({ codeCacheDir: dir });
    assert.equal(damaged.codeCache, 'refused');
    assert.match(damaged.stderr, /code cache server-.*\.v8cache was refused by V8/);
    assert.deepEqual(damaged.diagnostics, reference);
    const again = await session({ codeCacheDir: dir });
    assert.equal(again.codeCache, 'used');
  });

  it("never uses another build's cache, and removes it when writing its own", async () => {
    const dir = path.join(work, 'builds');
    await session({ codeCacheDir: dir });
    const [before] = cacheFiles(dir);
    // Another build of the server: same launcher, a server.js whose text differs.
    const otherBuild = path.join(work, 'other-build');
    fs.mkdirSync(otherBuild);
    fs.copyFileSync(LAUNCHER_BUNDLE, path.join(otherBuild, 'startServer.js'));
    fs.writeFileSync(path.join(otherBuild, 'server.js'), `${fs.readFileSync(SERVER_BUNDLE, 'utf8')}\n// another build\n`);
    const other = await session({ codeCacheDir: dir, launcher: path.join(otherBuild, 'startServer.js') });
    assert.equal(other.codeCache, 'none');
    assert.deepEqual(other.diagnostics, reference);
    const after = cacheFiles(dir);
    assert.equal(after.length, 1);
    assert.notEqual(after[0], before);
  });

  it('a server killed mid-session leaves no cache, and the next one starts without it and writes one', async () => {
    const dir = path.join(work, 'killed');
    fs.mkdirSync(dir, { recursive: true });
    // What a write cut short by a kill leaves behind.
    fs.writeFileSync(path.join(dir, 'server-0123456789abcdef-v20.0.0.v8cache.4242.tmp'), 'half a cache');
    const server = await startServer({ codeCacheDir: dir });
    await openDocument(server, URI, TEXT);
    await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } });
    const gone = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGKILL');
    await gone;
    server.connection.dispose();
    assert.deepEqual(cacheFiles(dir), []);
    const next = await session({ codeCacheDir: dir });
    assert.equal(next.codeCache, 'none');
    assert.deepEqual(next.diagnostics, reference);
    assert.deepEqual(fs.readdirSync(dir).length, 1, `left in the cache directory: ${fs.readdirSync(dir).join(', ')}`);
    assert.equal(cacheFiles(dir).length, 1);
  });

  it('starts and answers when the cache directory cannot be written', async () => {
    const blocked = path.join(work, 'a-file');
    fs.writeFileSync(blocked, 'in the way');
    const result = await session({ codeCacheDir: path.join(blocked, 'code-cache') });
    assert.equal(result.codeCache, 'none');
    assert.deepEqual(result.diagnostics, reference);
    assert.match(result.stderr, /could not write the code cache/);
  });
});
