import type { ScalarTag } from 'yaml';

/**
 * Plain scalars as kubectl reads them. kubectl decodes YAML with sigs.k8s.io/yaml on top of
 * go.yaml.in/yaml/v2 (`resolve` in resolve.go, YAML 1.1 flavoured), turns the result into JSON,
 * reads that back as unstructured JSON (apimachinery util/json: an integer that fits int64 stays
 * one, any other number becomes a float64) and sends it. So `yes`/`no`/`on`/`off`/`y`/`n` are
 * booleans, `1_000` is 1000, `0b11` is 3, `0755` is octal 493, `08` is the float 8, an integer
 * past int64 arrives as a float64 and `.inf`/`.nan` cannot be sent at all.
 *
 * Numbers are JS numbers, with one adjustment so that "fits the Go int64 the server decodes
 * into" stays decidable: an int64 that rounds up to 2^63 as a double is kept just below it.
 */

/** What go-yaml makes of a plain scalar, by Go type (the type decides how a map key is printed). */
export type GoScalar =
  | { readonly type: 'null'; readonly value: null }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int' | 'uint' | 'float'; readonly value: number; readonly digits?: string }
  | { readonly type: 'string'; readonly value: string };

// Maps, not object literals: a plain scalar such as `constructor` must not find Object.prototype's members.
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['y', true],
  ['Y', true],
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['on', true],
  ['On', true],
  ['ON', true],
  ['n', false],
  ['N', false],
  ['no', false],
  ['No', false],
  ['NO', false],
  ['false', false],
  ['False', false],
  ['FALSE', false],
  ['off', false],
  ['Off', false],
  ['OFF', false],
]);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
]);

/** strconv.ParseInt/ParseUint syntax with base 0 (underscores already removed). */
const GO_INTEGER = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml's yamlStyleFloat. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What strconv.ParseFloat accepts after a leading dot (go-yaml's '.' hint; underscores not removed). */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** The largest double below 2^63: where an int64 that rounds up to 2^63 is kept. */
const BELOW_TWO_TO_63 = 9223372036854774784;
const TWO_TO_63 = 9223372036854775808;

/** resolvePlain is go-yaml v2's `resolve("", source)` followed by kubectl's JSON round trip. */
export function resolvePlain(source: string): GoScalar {
  const first = source.charCodeAt(0);
  if (source.length === 0 || NULLS.has(source)) return { type: 'null', value: null };
  const bool = BOOLEANS.get(source);
  if (bool !== undefined) return { type: 'bool', value: bool };
  const special = SPECIAL_FLOATS.get(source);
  if (special !== undefined) return { type: 'float', value: special };
  if (first === 46 /* . */) {
    if (DOT_FLOAT.test(source)) return finiteFloat(Number(source), source);
    return { type: 'string', value: source };
  }
  const isDigitOrSign = (first >= 48 && first <= 57) || first === 43 || first === 45;
  if (!isDigitOrSign) return { type: 'string', value: source };
  const plain = source.indexOf('_') >= 0 ? source.replace(/_/g, '') : source;
  const integer = GO_INTEGER.exec(plain);
  if (integer) {
    const parsed = goInteger(integer[1] as string, integer[2] as string);
    if (parsed) return parsed;
  }
  if (YAML_STYLE_FLOAT.test(plain)) return finiteFloat(Number(plain), source);
  return { type: 'string', value: source };
}

/** A float whose ParseFloat overflowed is left a string by go-yaml. */
function finiteFloat(value: number, source: string): GoScalar {
  return Number.isFinite(value) ? { type: 'float', value } : { type: 'string', value: source };
}

/** ParseInt(s, 0, 64), else ParseUint(s, 0, 64) (which takes no sign); undefined when both fail. */
function goInteger(sign: string, digits: string): GoScalar | undefined {
  const octal = digits.length > 1 && digits.charCodeAt(0) === 48 && digits.charCodeAt(1) <= 55;
  if (digits.length < 16) {
    // At most 52 bits: exact as a double, well inside int64.
    const magnitude = octal ? parseInt(digits.slice(1), 8) : Number(digits);
    return { type: 'int', value: sign === '-' && magnitude !== 0 ? -magnitude : magnitude };
  }
  const magnitude = BigInt(octal ? `0o${digits.slice(1)}` : digits);
  const exact = sign === '-' ? -magnitude : magnitude;
  if (exact >= INT64_MIN && exact <= INT64_MAX) {
    const value = Number(exact);
    return { type: 'int', value: value >= TWO_TO_63 ? BELOW_TWO_TO_63 : value, digits: exact.toString() };
  }
  if (sign === '' && exact <= UINT64_MAX) return { type: 'uint', value: Number(exact), digits: exact.toString() };
  return undefined;
}

/** Whether a number fits the int64 the API server decodes integer fields into. */
export function fitsInt64(value: number): boolean {
  return Number.isInteger(value) && value >= -TWO_TO_63 && value < TWO_TO_63;
}

/**
 * mapKeyString is how sigs.k8s.io/yaml turns a go-yaml map key into a JSON key
 * (convertToJSONableObject); undefined for the key types it refuses (null, uint64).
 */
export function mapKeyString(key: GoScalar): string | undefined {
  switch (key.type) {
    case 'string':
      return key.value;
    case 'bool':
      return key.value ? 'true' : 'false';
    case 'int':
      return key.digits ?? String(key.value);
    case 'float':
      return goFloat32G(key.value);
    default:
      return undefined;
  }
}

/** strconv.FormatFloat(v, 'g', -1, 32) with go-yaml's names for the special values. */
function goFloat32G(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  const single = Math.fround(value);
  if (single === 0) return Object.is(single, -0) ? '-0' : '0';
  let digits = '';
  for (let precision = 1; precision <= 9; precision++) {
    digits = single.toExponential(precision - 1);
    if (Math.fround(Number(digits)) === single) break;
  }
  const [mantissa, exponentText] = digits.split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(Number(digits));
}

/**
 * The library's scalar tags, made to resolve plain scalars as go-yaml does, so the syntax tree
 * (and the fast parser, which resolves with the same tags) carries kubectl's values.
 */
export const GO_YAML_SCALAR_TAGS: ScalarTag[] = [
  {
    tag: 'tag:yaml.org,2002:null',
    default: true,
    test: /^(?:~|null|Null|NULL)?$/,
    identify: (value) => value === null || value === undefined,
    resolve: () => null,
    stringify: () => 'null',
  },
  {
    tag: 'tag:yaml.org,2002:bool',
    default: true,
    test: /^(?:[yYnN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    identify: (value) => typeof value === 'boolean',
    resolve: (source) => BOOLEANS.get(source) === true,
    stringify: ({ value }) => (value ? 'true' : 'false'),
  },
  {
    tag: 'tag:yaml.org,2002:float',
    default: true,
    test: /^(?:\.(?:nan|NaN|NAN)|[-+]?\.(?:inf|Inf|INF))$/,
    identify: (value) => typeof value === 'number' && !Number.isFinite(value),
    resolve: (source) => SPECIAL_FLOATS.get(source),
    stringify: ({ value }) => (Number.isNaN(value) ? '.nan' : (value as number) > 0 ? '.inf' : '-.inf'),
  },
  {
    tag: 'tag:yaml.org,2002:int',
    default: true,
    test: /^[-+.0-9]/,
    identify: (value) => typeof value === 'number',
    resolve: (source) => resolvePlain(source).value,
    stringify: ({ value }) => String(value),
  },
];

/**
 * Options for the `yaml` library (and, through its schema, the fast parser): go-yaml's scalars,
 * `<<` merge keys, duplicate keys allowed (kubectl keeps the last; kubectlDecode.ts warns).
 */
export const GO_YAML_PARSE_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false,
  keepSourceTokens: false,
  merge: true,
  schema: 'failsafe',
  customTags: GO_YAML_SCALAR_TAGS,
} as const;
