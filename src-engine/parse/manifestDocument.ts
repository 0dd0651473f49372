/**
 * What parsing one document of a manifest file gives (manifests.ts builds it): the types alone,
 * so that the modules reading a parsed document (astPath.ts) and the parser need not import each
 * other.
 */
import type { Alias, Document, Node } from 'yaml';
import type { Range } from '../model/diagnostic';
import type { TypeMetaProblem, WorkloadKind } from './kinds';
import type { LineIndex } from './lineIndex';
import type { DocumentChunk } from './split';

/** A YAML syntax problem, with its range in the whole file. */
export interface YamlProblem {
  readonly code: string;
  readonly message: string;
  readonly range: Range;
  /** Start offset of the problem inside its document chunk. */
  readonly offset: number;
}

/**
 * How kubectl reads a document, where that differs from what was written: a YAML or decoding
 * error that makes kubectl refuse the document (`yaml-syntax`), a duplicate key it silently
 * resolves to the last one (`yaml-duplicate-key`), a document it never sees (`yaml-line-ends`).
 */
export interface ReadProblem extends YamlProblem {
  readonly rule: 'yaml-syntax' | 'yaml-duplicate-key' | 'yaml-line-ends';
  readonly severity: 'error' | 'warning';
}

/**
 * One document of a manifest file, parsed on its own. Ranges it hands out are in whole-file
 * coordinates; `startLine` is where the document begins, so a cached parse can be reused at
 * another position with `relocateDocument`.
 */
export interface ManifestDocument {
  readonly index: number;
  readonly chunk: DocumentChunk;
  /** The YAML tree (the library's nodes, whichever parser built them; scalars resolved as kubectl does). */
  readonly yaml: YamlTree;
  /** Line index of the chunk text (chunk-relative). */
  readonly lines: LineIndex;
  /** The YAML parser's errors (and `TOO_DEEP` for a document not parsed at all). */
  readonly syntaxErrors: readonly YamlProblem[];
  /** Where kubectl's reading differs from the text (see ReadProblem). */
  readonly readProblems: readonly ReadProblem[];
  /** The document as kubectl sends it (JSON-like); undefined when kubectl cannot decode it. */
  readonly value: unknown;
  /** Why `value` could not be built. */
  readonly valueError?: string;
  /** Where each alias points, for documents with aliases. */
  readonly aliasTargets?: ReadonlyMap<Alias, Node>;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  /** Job or CronJob: the kind the document is checked as (also when apiVersion or kind has a typo). */
  readonly workload?: WorkloadKind;
  /** What kubectl or the API server says about a mistyped apiVersion or kind. */
  readonly typeMetaProblems: readonly TypeMetaProblem[];
  /** The document holds `{{ … }}` template code (Helm, Go templates): it is not plain YAML. */
  readonly isTemplate: boolean;
}

/** What the checks read of a parsed YAML document: its root node. */
export interface YamlTree {
  readonly contents: Document.Parsed['contents'];
}
