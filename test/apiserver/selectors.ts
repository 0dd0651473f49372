/**
 * Label and field selectors as the API server parses them
 * (k8s.io/apimachinery/pkg/labels/selector.go `Parse`, pkg/fields/selector.go `ParseSelector`).
 * Field selectors are evaluated on the object's dotted field path; the real server only allows
 * a per-resource set of fields, which this server does not restrict (a documented leniency).
 */
import { badRequest } from './status';

type LabelRequirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: '=' | '!='; key: string; value: string };

/** Matcher tests one object. */
export type Matcher = (obj: Record<string, unknown>) => boolean;

const KEY = /^([a-z0-9A-Z][-A-Za-z0-9_./]*)?[A-Za-z0-9]$/;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
    }
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseLabelRequirement(text: string): LabelRequirement {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (m) {
    const values = (m[3] ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return { op: m[2] as 'in' | 'notin', key: checkKey(m[1] ?? ''), values };
  }
  m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (m) {
    return { op: m[2] === '!=' ? '!=' : '=', key: checkKey(m[1] ?? ''), value: m[3] ?? '' };
  }
  m = /^(!?)\s*(\S+)$/.exec(text);
  if (m) {
    return { op: m[1] === '!' ? 'notexists' : 'exists', key: checkKey(m[2] ?? '') };
  }
  throw badRequest(`unable to parse requirement: ${text}`);
}

function checkKey(key: string): string {
  if (!KEY.test(key)) {
    throw badRequest(`unable to parse requirement: invalid label key "${key}"`);
  }
  return key;
}

/** parseLabelSelector turns `a=b,c in (d,e),!f` into a matcher on metadata.labels. */
export function parseLabelSelector(text: string | null | undefined): Matcher {
  if (!text) {
    return () => true;
  }
  const reqs = splitTopLevel(text).map(parseLabelRequirement);
  return (obj) => {
    const labels = ((obj.metadata as Record<string, unknown> | undefined)?.labels ?? {}) as Record<string, string>;
    return reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      const v = labels[r.key];
      switch (r.op) {
        case 'exists':
          return has;
        case 'notexists':
          return !has;
        case 'in':
          return has && r.values.includes(v ?? '');
        case 'notin':
          return !has || !r.values.includes(v ?? '');
        case '=':
          return has && v === r.value;
        case '!=':
          return !has || v !== r.value;
      }
      return false;
    });
  };
}

/** getFieldPath reads a dotted path such as `status.phase` as a string ('' when absent). */
export function getFieldPath(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') {
      return '';
    }
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) {
    return '';
  }
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

/** parseFieldSelector turns `metadata.name=x,status.phase!=Running` into a matcher. */
export function parseFieldSelector(text: string | null | undefined): Matcher {
  if (!text) {
    return () => true;
  }
  const reqs = splitTopLevel(text).map((t) => {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(t);
    if (!m) {
      throw badRequest(`invalid selector: '${text}'; can't understand '${t}'`);
    }
    return { path: (m[1] ?? '').trim(), neg: m[2] === '!=', value: (m[3] ?? '').trim() };
  });
  return (obj) => reqs.every((r) => (getFieldPath(obj, r.path) === r.value) !== r.neg);
}
