import type { PathSegment } from '../parse/fieldPath';

/**
 * A field path as the API server prints it, built the way Kubernetes builds one
 * (apimachinery field.Path: Child, Index, Key), together with the document path where the
 * finding is drawn. The two differ where Kubernetes names a field that is not written as such
 * (`volumeMounts.subPath` without an index, `gcePersistentDisk` errors under `persistentDisk`):
 * `printedAs` changes the text and keeps the place.
 *
 * A path is one link to its parent; `text` and `at` are spelled out only when asked for, which
 * is when a finding is reported. Rules build a path for every field they look at and report on
 * few, so the strings and arrays of the others are never made (for the figure "open →
 * diagnostics", bench/lsp.mjs: the garbage they made was most of the rules' collection time).
 */
export class ApiPath {
  // Fields declared, and set in the constructor, rather than class fields: rules make tens of
  // paths per document, and class fields cost a call per path to their initialiser in code that
  // has not been optimised yet (a big file's first documents).
  declare private readonly parent: ApiPath | undefined;
  /** How this link extends its parent: a field, a list index, a map key, or a new printed name. */
  declare private readonly step: 'child' | 'index' | 'key' | 'printedAs' | 'root';
  /** The field name, index or key; for `printedAs`, the text (or the path whose text it prints). */
  declare private readonly name: string | number | ApiPath;
  declare private printed: string | undefined;
  declare private segments: readonly PathSegment[] | undefined;

  private constructor(parent: ApiPath | undefined, step: ApiPath['step'], name: string | number | ApiPath) {
    this.parent = parent;
    this.step = step;
    this.name = name;
    this.printed = undefined;
    this.segments = undefined;
  }

  /** root starts at a document path, printed in the API's notation. */
  static root(at: readonly PathSegment[], text: string): ApiPath {
    const path = new ApiPath(undefined, 'root', text);
    path.segments = at;
    return path;
  }

  /** child is field.Path's Child(name, moreNames...), with up to two more names (no rest array per call). */
  child(name: string, second?: string, third?: string): ApiPath {
    let path = new ApiPath(this, 'child', name);
    if (second !== undefined) path = new ApiPath(path, 'child', second);
    if (third !== undefined) path = new ApiPath(path, 'child', third);
    return path;
  }

  index(i: number): ApiPath {
    return new ApiPath(this, 'index', i);
  }

  key(key: string): ApiPath {
    return new ApiPath(this, 'key', key);
  }

  /**
   * printedAs keeps this place in the document but prints `text` (Kubernetes' own name for it),
   * or the text of another path.
   */
  printedAs(text: string | ApiPath): ApiPath {
    return new ApiPath(this, 'printedAs', text);
  }

  /** The printed path: `spec.template.spec.containers[0].resources.limits[cpu]`. */
  get text(): string {
    if (this.printed === undefined) {
      const name = this.name;
      if (this.step === 'root') this.printed = name as string;
      else if (this.step === 'printedAs') this.printed = typeof name === 'string' ? name : (name as ApiPath).text;
      else {
        const parent = (this.parent as ApiPath).text;
        if (this.step === 'child') this.printed = parent === '' ? (name as string) : `${parent}.${name as string}`;
        else this.printed = `${parent}[${name as string | number}]`;
      }
    }
    return this.printed;
  }

  /** Where it is in the document (list indexes are numbers, map keys plain strings). */
  get at(): readonly PathSegment[] {
    if (this.segments === undefined) {
      const parent = (this.parent as ApiPath).at;
      this.segments = this.step === 'printedAs' ? parent : [...parent, this.name as PathSegment];
    }
    return this.segments;
  }

  toString(): string {
    return this.text;
  }
}
