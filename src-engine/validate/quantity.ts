/**
 * resource.Quantity as the API server reads it (apimachinery pkg/api/resource: ParseQuantity,
 * CanonicalizeBytes, RoundUp): exact values in nano units (BigInt, so `1Ei` and `1n` compare
 * exactly), the format the suffix chose, and the canonical text Kubernetes prints in messages.
 */
import { memoByText } from './textMemo';

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
const NANO = 1_000_000_000n;

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value × 10⁹, rounded away from zero as ParseQuantity does below one nano. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

const pow = (base: bigint, exponent: number): bigint => base ** BigInt(exponent);

/** Divides rounding away from zero (inf.RoundUp). */
function divideUp(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  if (numerator % denominator === 0n) return q;
  return numerator < 0n ? q - 1n : q + 1n;
}

/**
 * A Quantity by text, remembered: manifests repeat a few values (`100m`, `1Gi`) in every
 * container, and reading one takes a regular expression and BigInt arithmetic; a Quantity is
 * immutable, so the same one can be handed out again.
 */
const readRemembered = memoByText(readQuantity);
const roundedRemembered = memoByText((text: string): Quantity | undefined => {
  const q = readRemembered(text);
  return q && roundUpToMilli(q);
});

/** parseQuantity reads a Quantity (a string, or a YAML number); undefined when it does not parse. */
export function parseQuantity(value: unknown): Quantity | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof text === 'string' ? readRemembered(text) : undefined;
}

function readQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign = '', number = '', exponent, suffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0') * NANO;
  let denominator = pow(10n, fraction.length);
  let format: QuantityFormat = 'DecimalSI';
  if (exponent) {
    format = 'DecimalExponent';
    const e = Number(exponent.slice(1));
    if (Math.abs(e) > 400) return undefined;
    if (e >= 0) numerator *= pow(10n, e);
    else denominator *= pow(10n, -e);
  } else if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    numerator *= pow(2n, BINARY_SUFFIX[suffix]!);
  } else {
    const e = DECIMAL_SUFFIX[suffix]!;
    if (e >= 0) numerator *= pow(10n, e);
    else denominator *= pow(10n, -e);
  }
  const nanos = divideUp(sign === '-' ? -numerator : numerator, denominator);
  // A binary quantity between -1 and 1 (exclusive, not zero) prints as decimal.
  if (format === 'BinarySI' && nanos !== 0n && nanos < NANO && nanos > -NANO) format = 'DecimalSI';
  return { nanos, format };
}

/** roundUpToMilli is SetDefaults_ResourceList: requests and limits are kept to milli precision. */
export function roundUpToMilli(q: Quantity): Quantity {
  return { ...q, nanos: divideUp(q.nanos, 1_000_000n) * 1_000_000n };
}

/** resourceList reads a ResourceList as the server keeps it (rounded to thousandths); unparsable values are left out. */
export function resourceList(value: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  const list = value as Record<string, unknown>;
  for (const name in list) {
    const q = roundedQuantity(list[name]);
    if (q) out.set(name, q);
  }
  return out;
}

/** parseQuantity then roundUpToMilli (remembered by text, as parseQuantity is). */
function roundedQuantity(raw: unknown): Quantity | undefined {
  if (typeof raw === 'string') return roundedRemembered(raw);
  const q = parseQuantity(raw);
  return q && roundUpToMilli(q);
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** value is Quantity.Value(): whole units, rounded up. */
export function quantityValue(q: Quantity): bigint {
  return divideUp(q.nanos, NANO);
}

/** milliValue is Quantity.MilliValue(): thousandths, rounded up. */
export function milliValue(q: Quantity): bigint {
  return divideUp(q.nanos, 1_000_000n);
}

const SI_BY_EXPONENT: Readonly<Record<number, string>> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const BINARY_BY_SHIFT: Readonly<Record<number, string>> = { 10: 'Ki', 20: 'Mi', 30: 'Gi', 40: 'Ti', 50: 'Pi', 60: 'Ei' };

/** quantityString is Quantity.String(): the canonical text (`1500m`, `1Gi`, `1k`, `2e3`). */
export function quantityString(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const magnitude = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  if (q.format === 'BinarySI' && magnitude >= 1024n * NANO && magnitude % NANO === 0n) {
    let units = magnitude / NANO;
    let shift = 0;
    while (shift < 60 && units % 1024n === 0n) {
      units /= 1024n;
      shift += 10;
    }
    return `${sign}${units}${BINARY_BY_SHIFT[shift] ?? ''}`;
  }
  // Decimal: the largest exponent, a multiple of 3, that leaves a whole mantissa.
  let exponent = -9;
  let mantissa = magnitude;
  while (mantissa % 1000n === 0n && (q.format === 'DecimalExponent' || exponent < 18)) {
    mantissa /= 1000n;
    exponent += 3;
  }
  const suffix = q.format === 'DecimalExponent' ? (exponent === 0 ? '' : `e${exponent}`) : SI_BY_EXPONENT[exponent]!;
  return `${sign}${mantissa}${suffix}`;
}
