import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LocalRunRows } from '../../client/src/views/localRunRows';
import type { LocalRunNode, LocalRunsProvider } from '../../client/src/views/localRunsRegistry';

const provider = (runs: LocalRunNode[]): LocalRunsProvider => ({
  getChildren: () => runs,
  onDidChange: () => ({ dispose: () => {} }),
});

describe('local run rows', () => {
  it('redraws the run rows in place while the same runs are listed, the root when one is added or removed', async () => {
    const rows = new LocalRunRows();
    const a = { id: 'run:a', label: 'Job a', description: 'Running' };
    const b = { id: 'run:b', label: 'Job b', description: 'Complete' };
    assert.equal(await rows.redraw(provider([a, b])), 'root', 'nothing listed yet');
    rows.listed([a, b]);
    assert.deepEqual(await rows.redraw(provider([{ ...a, description: 'Failed' }, b])), [{ ...a, description: 'Failed' }, b]);
    assert.equal(await rows.redraw(provider([{ id: 'run:c', label: 'Job c' }, a, b])), 'root', 'a new run');
    assert.equal(await rows.redraw(provider([b])), 'root', 'a run gone');
  });
});
