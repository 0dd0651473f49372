import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { RowClock } from '../../client/src/views/rowClock';

describe('tree row clock', () => {
  it('redraws each row when its text goes stale, earliest first, and never rows whose time has passed', async () => {
    const redrawn: string[][] = [];
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const clock = new RowClock<string>((items) => {
      redrawn.push(items);
      if (redrawn.flat().length === 2) done();
    });
    const now = Date.now();
    clock.note('later', now + 40);
    clock.note('sooner', now + 10);
    clock.note('past', now - 1);
    clock.note('dropped', now + 20);
    clock.note('dropped', undefined);
    await finished;
    clock.dispose();
    assert.deepEqual(redrawn, [['sooner'], ['later']]);
  });
});
