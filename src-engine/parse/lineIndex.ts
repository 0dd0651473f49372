import type { Position, Range } from '../model/diagnostic';

/**
 * LineIndex maps string offsets to line/character positions and back with a binary
 * search over line starts, so converting thousands of ranges in a big file stays cheap.
 * The line starts are found when first asked for: every parsed document has an index, and
 * most documents of a big file are never asked for a position (they have no finding).
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.starts === undefined) {
      const text = this.text;
      const starts = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.starts = starts;
    }
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (starts[low] ?? 0) };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const start = starts[position.line] ?? 0;
    const nextStart = starts[position.line + 1] ?? this.text.length;
    return Math.min(start + Math.max(0, position.character), nextStart);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Text of one line without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts;
    const start = starts[line] ?? this.text.length;
    const next = starts[line + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}
