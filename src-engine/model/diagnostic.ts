/**
 * Plain, serialisable result types shared by every engine module and its adapters (LSP,
 * CLI). Positions are 0-based lines and UTF-16 code-unit columns, as in LSP, so the server
 * converts nothing but the type names.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A mechanical fix: the edits that make the finding go away. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix an editor should offer first (and apply in "fix all"). */
  readonly isPreferred?: boolean;
}

/**
 * One problem found in a manifest. `field` is the Kubernetes field path in the API server's
 * notation (`spec.template.spec.restartPolicy`, `spec.podFailurePolicy.rules[0].action`,
 * `spec.template.metadata.labels[controller-uid]`).
 */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly field: string;
  readonly range: Range;
  readonly fixes?: readonly Fix[];
  /** Kubernetes documentation page for the field, for editors' codeDescription links. */
  readonly docsUrl?: string;
}

/** Moves a range down by `lines` (documents are cached with ranges relative to their start). */
export function shiftRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}
