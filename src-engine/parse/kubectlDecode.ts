import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Alias, Node, Scalar, YAMLMap } from 'yaml';
import { decodeGoBase64 } from './goBase64';
import { mapKeyString, resolvePlain } from './goYamlScalars';
import type { GoScalar } from './goYamlScalars';

/**
 * The JSON kubectl sends for one YAML document, built from the syntax tree the way
 * sigs.k8s.io/yaml and go.yaml.in/yaml/v2 build it (decode.go): aliases expanded (values are
 * shared, not copied), `<<` merge keys applied in go-yaml's order (a later entry wins, a merged
 * sequence's earlier maps win), duplicate keys resolved to the last one (reported as a warning:
 * kubectl sends it without a word), map keys turned into strings (convertToJSONableObject), and
 * go-yaml's "excessive aliasing" limit applied with its own counters, so a billion-laughs
 * document is refused exactly where kubectl refuses it, before anything is expanded.
 */
export interface KubectlValue {
  /** The document as kubectl sends it; undefined when kubectl cannot decode it at all. */
  readonly value: unknown;
  readonly problems: readonly DecodeProblem[];
  /** Where each alias points (only for documents with aliases): findings inside land on the anchor. */
  readonly aliasTargets?: ReadonlyMap<Alias, Node>;
}

export interface DecodeProblem {
  readonly code: 'ALIAS' | 'DUPLICATE_KEY' | 'JSON' | 'KEY' | 'MERGE' | 'TAG';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Chunk offsets of the node the problem is about. */
  readonly start: number;
  readonly end: number;
  /** Chunk offset of a second place the problem involves (the key that wins over a duplicate). */
  readonly related?: number;
}

/** go-yaml's decode budget (decode.go allowedAliasRatio). */
const ALIAS_RATIO_RANGE_LOW = 400_000;
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

const TAG_PREFIX = 'tag:yaml.org,2002:';
const RESOLVABLE_TAGS = new Set(['str', 'bool', 'int', 'float', 'null', 'timestamp']);
/** The timestamp forms go-yaml accepts for !!timestamp (resolve.go allowedTimestampFormats, roughly). */
const TIMESTAMP = new RegExp(
  '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}' +
    '(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?$',
);

/** A decode go-yaml gives up on: kubectl sends nothing for the document. */
class Refused extends Error {
  constructor(readonly problem: DecodeProblem) {
    super(problem.message);
  }
}

/** decodeAsKubectl builds kubectl's value for a document's root node. Never throws. */
export function decodeAsKubectl(contents: Node | null): KubectlValue {
  const decoder = new Decoder();
  try {
    decoder.resolveAliases(contents, new Set());
    const value = decoder.decode(contents);
    return decoder.result(value);
  } catch (error) {
    if (error instanceof Refused) return decoder.result(undefined, error.problem);
    if (error instanceof RangeError) {
      // Nesting beyond the stack (the nesting guard normally stops it earlier).
      return decoder.result(undefined, problemAt('ALIAS', 'error', 'yaml: document nested too deeply to decode', contents));
    }
    throw error;
  }
}

function problemAt(
  code: DecodeProblem['code'],
  severity: DecodeProblem['severity'],
  message: string,
  node: Node | null | undefined,
): DecodeProblem {
  const range = node?.range;
  return { code, severity, message, start: range?.[0] ?? 0, end: range ? Math.max(range[1], range[0] + 1) : 1 };
}

class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly problems: DecodeProblem[] = [];
  private readonly anchors = new Map<string, Node>();
  private readonly targets = new Map<Alias, Node>();
  /** Decoded anchored nodes: their value and how many decode operations they took. */
  private readonly decoded = new Map<Node, { readonly value: unknown; readonly operations: number }>();

  result(value: unknown, refusal?: DecodeProblem): KubectlValue {
    if (refusal) this.problems.unshift(refusal);
    return { value, problems: this.problems, ...(this.targets.size > 0 ? { aliasTargets: this.targets } : {}) };
  }

  /**
   * resolveAliases binds every alias to its anchor as go-yaml's parser does, in document order
   * (an anchor counts from the start of its node, so an alias inside it refers to itself).
   */
  resolveAliases(node: Node | null | undefined, open: Set<Node>): void {
    if (!node) return;
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      if (!target) throw new Refused(problemAt('ALIAS', 'error', `yaml: unknown anchor '${node.source}' referenced`, node));
      if (open.has(target)) {
        throw new Refused(problemAt('ALIAS', 'error', `yaml: anchor '${node.source}' value contains itself`, node));
      }
      this.targets.set(node, target);
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) this.anchors.set(anchor, node);
    if (isMap(node)) {
      open.add(node);
      for (const pair of node.items) {
        this.resolveAliases(pair.key as Node | null, open);
        this.resolveAliases(pair.value as Node | null, open);
      }
      open.delete(node);
    } else if (isSeq(node)) {
      open.add(node);
      for (const item of node.items) this.resolveAliases(item as Node | null, open);
      open.delete(node);
    }
  }

  /** One call of go-yaml's decoder.unmarshal: count it, refuse when aliases dominate. */
  private step(node: Node | null | undefined): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    this.checkAliasing(node);
  }

  private checkAliasing(node: Node | null | undefined): void {
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      throw new Refused(
        problemAt(
          'ALIAS',
          'error',
          'yaml: document contains excessive aliasing ' +
            `(aliases expand to ${this.aliasCount} of ${this.decodeCount} decoded nodes)`,
          node,
        ),
      );
    }
  }

  decode(node: Node | null | undefined): unknown {
    this.step(node);
    if (!node) return null;
    if (isAlias(node)) return this.alias(node);
    const before = this.decodeCount;
    let value: unknown;
    if (isMap(node)) value = this.mapping(node);
    else if (isSeq(node)) value = (node.items as Array<Node | null>).map((item) => this.decode(item));
    else if (isScalar(node)) value = this.scalar(node);
    else value = null;
    if ((node as { anchor?: string }).anchor) this.decoded.set(node, { value, operations: this.decodeCount - before + 1 });
    return value;
  }

  /**
   * An alias decodes its anchor again, every operation of which counts as aliased. The anchor's
   * value is reused and its operations added at once: within an expansion the aliased share only
   * grows, so checking at its end refuses exactly the documents go-yaml refuses.
   */
  private alias(node: Alias): unknown {
    const target = this.targets.get(node) as Node;
    const known = this.decoded.get(target);
    if (!known) {
      this.aliasDepth++;
      try {
        return this.decode(target);
      } finally {
        this.aliasDepth--;
      }
    }
    this.decodeCount += known.operations;
    this.aliasCount += known.operations;
    this.checkAliasing(node);
    return known.value;
  }

  private mapping(node: YAMLMap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const explicit = new Map<string, Node | null>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (isMergeKey(keyNode)) {
        this.merge(valueNode, out, keyNode);
        continue;
      }
      this.step(keyNode);
      const key = this.key(keyNode);
      const value = this.decode(valueNode);
      if (key === undefined) continue;
      const earlier = explicit.get(key);
      if (explicit.has(key)) {
        const message = `duplicate key ${JSON.stringify(key)}: kubectl keeps the last one and ignores this one without a word`;
        this.problems.push({
          ...problemAt('DUPLICATE_KEY', 'warning', message, earlier),
          ...(keyNode?.range ? { related: keyNode.range[0] } : {}),
        });
      }
      explicit.set(key, keyNode);
      setKey(out, key, value);
    }
    return out;
  }

  /** `<<`: a map, an alias of one, or a sequence of those (the earlier ones win). */
  private merge(source: Node | null, out: Record<string, unknown>, at: Node | null): void {
    const want = (): never => {
      throw new Refused(
        problemAt('MERGE', 'error', 'yaml: map merge requires map or sequence of maps as the value', source ?? at),
      );
    };
    const mergeOne = (node: Node | null): void => {
      if (isAlias(node) && !isMap(this.targets.get(node))) want();
      if (!isAlias(node) && !isMap(node)) want();
      const value = this.decode(node);
      if (value !== null && typeof value === 'object') {
        for (const key of Object.keys(value)) setKey(out, key, (value as Record<string, unknown>)[key]);
      }
    };
    if (isSeq(source)) {
      const items = source.items as Array<Node | null>;
      for (let i = items.length - 1; i >= 0; i--) mergeOne(items[i] ?? null);
    } else {
      mergeOne(source);
    }
  }

  /** A map key as sigs.k8s.io/yaml writes it into JSON; undefined (and a problem) when it cannot. */
  private key(node: Node | null): string | undefined {
    const target = isAlias(node) ? (this.targets.get(node) ?? null) : node;
    if (isMap(target) || isSeq(target)) {
      this.problems.push(problemAt('KEY', 'error', 'yaml: invalid map key: a map or a list cannot be a key', node));
      return undefined;
    }
    const scalar = isScalar(target) ? this.goScalar(target) : { type: 'null' as const, value: null };
    const text = mapKeyString(scalar);
    if (text === undefined) {
      const type = scalar.type === 'null' ? '<nil>' : 'uint64';
      this.problems.push(
        problemAt(
          'KEY',
          'error',
          `error converting YAML to JSON: unsupported map key of type: ${type}, key: ${String(scalar.value)}`,
          node,
        ),
      );
      return undefined;
    }
    return text;
  }

  private scalar(node: Scalar): unknown {
    const resolved = this.goScalar(node).value;
    if (typeof resolved === 'number' && !Number.isFinite(resolved)) {
      const shown = Number.isNaN(resolved) ? 'NaN' : resolved > 0 ? '+Inf' : '-Inf';
      this.problems.push(
        problemAt(
          'JSON',
          'error',
          `error converting YAML to JSON: json: unsupported value: ${shown} ` +
            `(JSON has no ${shown}; kubectl cannot send this document)`,
          node,
        ),
      );
    }
    return resolved;
  }

  /** go-yaml's value of a scalar node: plain ones resolved, quoted ones strings, tags applied. */
  private goScalar(node: Scalar): GoScalar {
    const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
    const tag = node.tag;
    if (tag && tag !== '!') return this.tagged(tag, source, node);
    if (node.type === 'PLAIN' || node.type === undefined) {
      const value = node.value;
      if (typeof value === 'symbol') return { type: 'string', value: '<<' };
      return resolvePlain(source);
    }
    return { type: 'string', value: typeof node.value === 'string' ? node.value : source };
  }

  /** go-yaml's resolve(tag, value) for an explicit tag (`!!int "5"`, `!!binary …`, `!custom x`). */
  private tagged(tag: string, source: string, node: Scalar): GoScalar {
    const name = tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : undefined;
    if (name === 'binary') {
      const decoded = decodeGoBase64(source);
      if (decoded === undefined) {
        this.problems.push(problemAt('TAG', 'error', 'yaml: !!binary value contains invalid base64 data', node));
      }
      return { type: 'string', value: decoded ?? source };
    }
    if (name === undefined || !RESOLVABLE_TAGS.has(name) || name === 'str') return { type: 'string', value: source };
    if (name === 'timestamp' && TIMESTAMP.test(source)) return { type: 'string', value: source };
    const resolved = resolvePlain(source);
    const resolvedName = resolved.type === 'uint' ? 'int' : resolved.type === 'string' ? 'str' : resolved.type;
    if (resolvedName === name) return resolved;
    if (name === 'float' && resolvedName === 'int') return { type: 'float', value: resolved.value as number };
    this.problems.push(problemAt('TAG', 'error', `yaml: cannot decode !!${resolvedName} \`${source}\` as a !!${name}`, node));
    return resolved;
  }
}

/** go-yaml's isMerge: a plain `<<` key (or one tagged !!merge). */
function isMergeKey(node: Node | null): boolean {
  if (!isScalar(node)) return false;
  if (node.tag === `${TAG_PREFIX}merge`) return true;
  return (
    !node.tag && (node.type === 'PLAIN' || node.type === undefined) && (node.source === '<<' || typeof node.value === 'symbol')
  );
}

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}
