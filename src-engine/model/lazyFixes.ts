import { shiftRange } from './diagnostic';
import type { Finding, Fix } from './diagnostic';

/**
 * A finding's fixes, given as a list or as the function that works them out. Most findings are
 * shown and never fixed, and a fix's edits cost a walk of the document (where the field sits,
 * its indentation, the text around it): worked out for every finding, they were a few per cent
 * of opening a big file (bench/lsp.mjs "open → diagnostics", in code that has not warmed up).
 */
export type FixesSource = readonly Fix[] | (() => readonly Fix[]);

/**
 * setFixes gives a finding its `fixes`: a non-empty list as a plain field, a function as a field
 * worked out when first read (by a quick fix, "fix all", the CLI's --fix or its JSON) and then
 * kept. Either way it reads as undefined when there is no fix, and it is enumerable, so JSON
 * (which leaves out an undefined field) and deep equality see the fixes.
 */
export function setFixes(finding: Finding, fixes: FixesSource | undefined): void {
  if (fixes === undefined) return;
  if (typeof fixes !== 'function') {
    if (fixes.length > 0) (finding as { fixes?: readonly Fix[] }).fixes = fixes;
    return;
  }
  Object.defineProperty(finding, 'fixes', {
    get(this: Finding): readonly Fix[] | undefined {
      const list = fixes();
      const value = list.length > 0 ? list : undefined;
      Object.defineProperty(this, 'fixes', { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * shiftFinding moves a finding and its fixes' edits down by `lines` (a document that moved
 * after an edit above it). Fixes not worked out yet stay so: they are shifted when read.
 */
export function shiftFinding(finding: Finding, lines: number): Finding {
  const moved: Finding = { ...withoutFixes(finding), range: shiftRange(finding.range, lines) };
  const fixes = Object.getOwnPropertyDescriptor(finding, 'fixes');
  if (!fixes) return moved;
  const shift = (list: readonly Fix[]): readonly Fix[] =>
    list.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: shiftRange(edit.range, lines) })) }));
  setFixes(moved, fixes.get ? () => shift(finding.fixes ?? []) : shift((fixes.value as readonly Fix[] | undefined) ?? []));
  return moved;
}

/** The finding's other fields (a copy that does not read `fixes`, so lazy fixes stay unworked). */
function withoutFixes(finding: Finding): Omit<Finding, 'fixes'> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(finding)) {
    if (key !== 'fixes') out[key] = (finding as unknown as Record<string, unknown>)[key];
  }
  return out as unknown as Omit<Finding, 'fixes'>;
}
