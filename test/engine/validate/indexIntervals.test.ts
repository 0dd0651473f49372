import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { validateIndexesFormat } from '../../../src-engine';

describe('validateIndexesFormat (succeededIndexes)', () => {
  it('counts indexes of valid interval lists', () => {
    const parsed = validateIndexesFormat('0,2-4,7', 10);
    assert.ok(parsed.ok);
    assert.equal(parsed.total, 5);
    assert.deepEqual(parsed.intervals, [
      { first: 0, last: 0 },
      { first: 2, last: 4 },
      { first: 7, last: 7 },
    ]);
    assert.deepEqual(validateIndexesFormat('', 0), { ok: true, intervals: [], total: 0 });
  });

  const errors: [string, number, string][] = [
    ['3-1', 5, 'non-increasing order, previous: 3, current: 1'],
    ['1-1', 5, 'non-increasing order, previous: 1, current: 1'],
    ['3,0', 5, 'non-increasing order, previous: 3, current: 0'],
    ['5', 5, 'too large index: "5"'],
    [
      '1--3',
      5,
      'the fragment "1--3" violates the requirement that an index interval can have at most two parts separated by \'-\'',
    ],
    ['1,,2', 5, 'cannot convert string to integer for index: ""'],
    [' 1', 5, 'cannot convert string to integer for index: " 1"'],
    ['-1', 5, 'cannot convert string to integer for index: ""'],
  ];
  for (const [text, completions, error] of errors) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      assert.deepEqual(validateIndexesFormat(text, completions), { ok: false, error });
    });
  }
});
