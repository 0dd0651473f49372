/**
 * Where a position falls: which document of the file, which field path, and the raw line
 * text. Shared by hover, completion and inlay hints.
 */
import { isScalar } from 'yaml';
import { offsetInDocument, pathAtOffset } from '../../src-engine';
import type { PathAtPosition, PathSegment } from '../../src-engine';
import type { Entry, ParsedDocument } from './documents';

export interface Location {
  readonly entry: Entry;
  /** Chunk-relative offset of the position. */
  readonly offset: number;
  readonly path: PathAtPosition;
}

export function locate(doc: ParsedDocument, line: number, character: number): Location | undefined {
  const entry = doc.entryAtLine(line);
  if (!entry) return undefined;
  const offset = offsetInDocument(entry.manifest, line, character);
  if (offset < 0) return undefined;
  return { entry, offset, path: pathAtOffset(entry.manifest, offset) };
}

/** Field path without list indexes, for comparing with schema paths (`spec.jobTemplate.spec`). */
export function dotted(segments: readonly PathSegment[]): string {
  return segments.map((segment) => (typeof segment === 'number' ? '[]' : segment)).join('.');
}

/** The scalar text under a located path (for schedules and zones), when it is a scalar. */
export function scalarText(location: Location): string | undefined {
  const node = location.path.node;
  if (!node || !isScalar(node)) return undefined;
  if (location.path.onKey) return undefined;
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}

/** The value of `key:` on a raw line (unquoted), for lines the YAML parser could not read. */
export function rawValueOnLine(lineText: string, key: string): { value: string; start: number } | undefined {
  const match = new RegExp(`^([ \\t]*(?:-[ \\t]+)?${key}[ \\t]*:[ \\t]+)(.*?)[ \\t]*(?:[ \\t]#.*)?$`).exec(lineText);
  if (!match?.[1] || match[2] === undefined || match[2] === '') return undefined;
  let value = match[2];
  let start = match[1].length;
  if (
    (value.startsWith('"') && value.endsWith('"') && value.length >= 2) ||
    (value.startsWith("'") && value.endsWith("'") && value.length >= 2)
  ) {
    value = value.slice(1, -1);
    start++;
  }
  return { value, start };
}

/** The workload-relative path to a CronJob's schedule and time zone. */
export const SCHEDULE_PATH = 'spec.schedule';
export const TIME_ZONE_PATH = 'spec.timeZone';
