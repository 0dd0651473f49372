/**
 * Fixes worked out when first read (src-engine/model/lazyFixes.ts): the same fixes as before
 * for whoever reads them, none of the work for a finding only shown.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Finding, Fix } from '../../../src-engine';
import { setFixes, shiftFinding } from '../../../src-engine';
import { applyEdits, jobYaml, lint } from './helpers';

const RANGE = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
const FIX: Fix = { title: 'Set it', edits: [{ range: RANGE, newText: 'x' }], isPreferred: true };

function finding(): Finding {
  return { rule: 'restart-policy', severity: 'error', message: 'm', field: 'f', range: RANGE };
}

/** A finding whose fixes count how often they are worked out. */
function counted(list: readonly Fix[]): { finding: Finding; calls: () => number } {
  let calls = 0;
  const f = finding();
  setFixes(f, () => {
    calls++;
    return list;
  });
  return { finding: f, calls: () => calls };
}

const isLazy = (f: Finding): boolean => typeof Object.getOwnPropertyDescriptor(f, 'fixes')?.get === 'function';

describe('fixes worked out when first read', () => {
  it('works them out once, on the first read, and keeps them', () => {
    const { finding: f, calls } = counted([FIX]);
    assert.equal(calls(), 0);
    assert.deepEqual(f.fixes, [FIX]);
    assert.deepEqual(f.fixes, [FIX]);
    assert.equal(calls(), 1);
    assert.equal(isLazy(f), false);
  });

  it('reads as no fix when there is none, and JSON leaves the field out as before', () => {
    const { finding: f } = counted([]);
    assert.equal(f.fixes, undefined);
    assert.equal(JSON.stringify(f), JSON.stringify(finding()));
    const eager = finding();
    setFixes(eager, []);
    assert.equal('fixes' in eager, false);
  });

  it('shows the fixes to JSON and to deep equality, in the order of an eager finding', () => {
    const { finding: f } = counted([FIX]);
    const eager = finding();
    setFixes(eager, [FIX]);
    assert.equal(JSON.stringify(f), JSON.stringify(eager));
    assert.deepEqual(f, eager);
  });

  it('moves a finding down without working out its fixes, and shifts them when read', () => {
    const { finding: f, calls } = counted([FIX]);
    const moved = shiftFinding(f, 10);
    assert.equal(calls(), 0);
    assert.equal(moved.range.start.line, 13);
    assert.equal(moved.fixes?.[0]?.edits[0]?.range.start.line, 13);
    assert.equal(f.fixes?.[0]?.edits[0]?.range.start.line, 3);
    assert.equal(calls(), 1);
    const eager = finding();
    setFixes(eager, [FIX]);
    assert.equal(shiftFinding(eager, 2).fixes?.[0]?.edits[0]?.range.start.line, 5);
  });

  it('lint leaves the fixes of a finding unworked until read, then gives the same fixes', () => {
    const text = jobYaml().replace(/^ *restartPolicy: .*\n/m, '');
    const [policy] = lint(text).filter((x) => x.rule === 'restart-policy');
    assert.ok(policy);
    assert.ok(isLazy(policy), 'restart-policy worked out its fixes while linting');
    assert.deepEqual(
      policy.fixes?.map((fix) => fix.title),
      ['Set restartPolicy to Never', 'Set restartPolicy to OnFailure'],
    );
    assert.match(applyEdits(text, policy.fixes?.[0]?.edits ?? []), /restartPolicy: Never/);
  });
});
