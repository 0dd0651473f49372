import { atLeast } from '../schema/kubernetesVersion';
import type { KubernetesVersion } from '../schema/kubernetesVersion';

/**
 * The API server's wording moved between versions where the rule did not. kube-jobs writes each
 * message in 1.35's words (the rules mirror 1.35's functions); this puts a message into the
 * target version's words:
 *
 * - up to 1.34 label keys and values were checked by apimachinery pkg/util/validation, whose
 *   MaxLenError counts "characters"; from 1.35 pkg/api/validate/content says "bytes", and its
 *   IsLabelKey calls a key with too many slashes "a valid label key" where IsQualifiedName said
 *   "a qualified name";
 * - up to 1.33 field.Error printed a list value with Go's %#v (`[]string{"a", "b"}`); from 1.34
 *   values print as JSON (field/errors.go ErrorBody), as kube-jobs writes them.
 */
export function inVersionWords(message: string, version: KubernetesVersion): string {
  if (atLeast(version, '1.35')) return message;
  let out = message
    .replace(/must be no more than (\d+) bytes/g, 'must be no more than $1 characters')
    .replace('a valid label key must consist', 'a qualified name must consist');
  if (!atLeast(version, '1.34')) {
    out = out.replace(/(Invalid value|Unsupported value|Duplicate value|Not found): (\[[^\]]*\])/, goList);
  }
  return out;
}

/** A JSON list of strings or integers as Go's %#v prints the []string or []int32 it was. */
function goList(whole: string, kind: string, json: string): string {
  let items: unknown;
  try {
    items = JSON.parse(json);
  } catch {
    return whole;
  }
  if (!Array.isArray(items)) return whole;
  if (items.every((i) => typeof i === 'string')) return `${kind}: []string{${items.map((i) => JSON.stringify(i)).join(', ')}}`;
  if (items.every((i) => Number.isInteger(i))) return `${kind}: []int32{${items.join(', ')}}`;
  return whole;
}
