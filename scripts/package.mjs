// Packages the extension as a VSIX with @vscode/vsce. vsce runs `vscode:prepublish` (the
// production build) first. Everything the extension needs is bundled into dist/, so
// dependency detection is off and .vscodeignore is an allowlist.
//
// Usage: node scripts/package.mjs            -> <name>-<version>.vsix in the repo root
// As a module: import { packageVsix, vsixPath } from './package.mjs'
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The marketplace limit is far higher; 3 MB keeps us honest about what gets bundled. */
export const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/** package.json of the extension. */
export function extensionManifest() {
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
}

/** `<publisher>.<name>`, the id VS Code knows the extension by. */
export function extensionId() {
  const { publisher, name } = extensionManifest();
  return `${publisher}.${name}`;
}

/** Where `npm run package` writes the VSIX. */
export function vsixPath() {
  const { name, version } = extensionManifest();
  return join(repoRoot, `${name}-${version}.vsix`);
}

/** Runs vsce (and through it the production build); returns the VSIX path. */
export function packageVsix() {
  const out = vsixPath();
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status ?? r.signal})`);
  const size = statSync(out).size;
  if (size > MAX_VSIX_BYTES) {
    throw new Error(
      `${out} is ${(size / 1024 / 1024).toFixed(2)} MB, over the ${MAX_VSIX_BYTES / 1024 / 1024} MB budget: check .vscodeignore and the bundles`,
    );
  }
  console.log(`[package] ${out} (${(size / 1024).toFixed(0)} KB)`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    packageVsix();
  } catch (err) {
    console.error(`[package] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
