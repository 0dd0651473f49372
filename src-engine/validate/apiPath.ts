import type { PathSegment } from '../parse/fieldPath';

/**
 * A field path as the API server prints it, built the way Kubernetes builds one
 * (apimachinery field.Path: Child, Index, Key), together with the document path where the
 * finding is drawn. The two differ where Kubernetes names a field that is not written as such
 * (`volumeMounts.subPath` without an index, `gcePersistentDisk` errors under `persistentDisk`):
 * `printedAs` changes the text and keeps the place.
 */
export class ApiPath {
  private constructor(
    /** The printed path: `spec.template.spec.containers[0].resources.limits[cpu]`. */
    readonly text: string,
    /** Where it is in the document (list indexes are numbers, map keys plain strings). */
    readonly at: readonly PathSegment[],
  ) {}

  /** root starts at a document path, printed in the API's notation. */
  static root(at: readonly PathSegment[], text: string): ApiPath {
    return new ApiPath(text, at);
  }

  child(...names: string[]): ApiPath {
    let text = this.text;
    for (const name of names) text = text === '' ? name : `${text}.${name}`;
    return new ApiPath(text, [...this.at, ...names]);
  }

  index(i: number): ApiPath {
    return new ApiPath(`${this.text}[${i}]`, [...this.at, i]);
  }

  key(key: string): ApiPath {
    return new ApiPath(`${this.text}[${key}]`, [...this.at, key]);
  }

  /** printedAs keeps this place in the document but prints `text` (Kubernetes' own name for it). */
  printedAs(text: string): ApiPath {
    return new ApiPath(text, this.at);
  }

  toString(): string {
    return this.text;
  }
}
