import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { importCycles, importGraph } from './importGraph';

/** The engine, the Kubernetes API access and the four adapters (with the panels' browser code). */
const SOURCE_FOLDERS = ['src-engine', 'kube', 'server', 'client', 'cli', 'runner'];

describe('import cycles', () => {
  it('no file of the engine, kube/ or an adapter reaches itself through its imports', () => {
    const graph = importGraph(REPO_ROOT, SOURCE_FOLDERS);
    assert.ok(graph.size > 300, `read ${graph.size} files`);
    assert.deepEqual(importCycles(graph), []);
  });

  it('finds a cycle through type imports, re-exports and index files, and a file that imports itself', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-jobs-cycles-'));
    try {
      const write = (file: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      };
      write('src/a.ts', "import type { B } from './b';\nexport interface A { b: B }\n");
      write('src/b.ts', "export { c } from './lib';\nexport interface B { n: number }\n");
      write('src/lib/index.ts', "import { a } from '../a.js';\nexport const c = a;\n");
      write('src/self.ts', "import * as me from './self';\nimport 'node:fs';\nexport const x = me;\n");
      write('src/leaf.ts', "import { c } from './b';\nexport const d = c;\n");
      assert.deepEqual(importCycles(importGraph(root, ['src'])), [['src/a.ts', 'src/b.ts', 'src/lib/index.ts'], ['src/self.ts']]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
