/**
 * The language server's launcher (dist/startServer.js, what the extension starts): it runs
 * dist/server.js with V8's code cache, kept in the directory given as `--code-cache-dir=DIR`
 * (the extension's global storage). Without that argument it runs the server as `require` would.
 *
 * Why: V8 compiles each function to bytecode the first time it runs. Opening a big file runs
 * about a thousand parser and rule functions for the first time, so a freshly started server
 * compiles them during the user's first open (about 10 ms of the 1,000-document file's open in
 * bench/lsp.mjs). The cache holds that bytecode: written when the server exits, it is read at
 * the next start, before any file is open.
 *
 * - The cache is made when the server exits (`script.createCachedData()` after the session, so
 *   it holds every function the session ran, not only those compiled at load), and written again
 *   only when the old one was missing, refused, or held much less.
 * - V8 checks its own version and flags before using a cache and refuses a mismatch, but knows
 *   the source only by its length: the file name carries a hash of the server's text, so a
 *   rebuilt or updated server never meets the cache of another build.
 * - The cache is only an optimisation: any failure to read or write it is ignored (and said once
 *   on stderr, which the extension shows in its output channel), and the server starts as usual.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { CODE_CACHE_STATE_KEY } from '../../src-engine/protocol';
import type { CodeCacheState } from '../../src-engine/protocol';
import { limitInlining } from './inliningBudget';

const CACHE_DIR_ARGUMENT = '--code-cache-dir=';
/** A cache is written again when the session compiled this much more than it held. */
const REWRITE_GROWTH = 1.1;

const serverFile = path.join(__dirname, 'server.js');
const cacheDir = process.argv.find((arg) => arg.startsWith(CACHE_DIR_ARGUMENT))?.slice(CACHE_DIR_ARGUMENT.length);

// V8 refuses a cache made under other flags: set the server's own flags before compiling it.
limitInlining();

if (!cacheDir) {
  createRequire(serverFile)(serverFile);
} else {
  runWithCodeCache(serverFile, cacheDir);
}

function runWithCodeCache(file: string, dir: string): void {
  const source = fs.readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cacheFile = path.join(dir, `server-${hash}-${process.version}.v8cache`);
  const cached = readIfPresent(cacheFile);
  // The CommonJS wrapper Node itself puts around a module, so the bundle runs as if required.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const used = cached !== undefined && !script.cachedDataRejected;
  const state: CodeCacheState = cached === undefined ? 'none' : used ? 'used' : 'refused';
  (globalThis as Record<symbol, unknown>)[CODE_CACHE_STATE_KEY] = state;
  if (cached && !used) say(`code cache ${path.basename(cacheFile)} was refused by V8; it is made again when the server exits`);
  process.on('exit', () => saveCache(script, cacheFile, used ? cached.length : 0));
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * saveCache writes the session's compiled code (atomically) and removes caches of other builds,
 * and the staging file of a write that did not finish (a server killed while writing).
 */
function saveCache(script: vm.Script, cacheFile: string, usedBytes: number): void {
  try {
    const data = script.createCachedData();
    if (usedBytes > 0 && data.length <= usedBytes * REWRITE_GROWTH) return;
    const dir = path.dirname(cacheFile);
    fs.mkdirSync(dir, { recursive: true });
    const staging = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(staging, data);
    fs.renameSync(staging, cacheFile);
    for (const name of fs.readdirSync(dir)) {
      if (/^server-.*\.v8cache(?:\.\d+\.tmp)?$/.test(name) && name !== path.basename(cacheFile)) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
  } catch (error) {
    say(`could not write the code cache: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function say(message: string): void {
  process.stderr.write(`kube-jobs: ${message}\n`);
}
