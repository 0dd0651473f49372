import * as path from 'node:path';

/** Repository root, from the compiled location out/test/helpers. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Absolute path of a file under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', ...parts);
}
