/**
 * Kubernetes field paths in the API server's notation: `.` between fields, `[i]` for list
 * items and `[key]` for map keys (`spec.template.metadata.labels[controller-uid]`).
 */
export type PathSegment = string | number;

/** formatFieldPath renders segments the way the API server prints a field path. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as PathSegment;
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (out === '') out = segment;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${segment}]`;
  }
  return out;
}

/** parseFieldPath is the inverse of formatFieldPath; `[0]` becomes a number. */
export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return segments;
}

/** valueAtPath walks plain JSON-like data; undefined when any step is missing. */
export function valueAtPath(value: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
