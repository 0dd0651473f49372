/**
 * The API server's field error wording (apimachinery pkg/util/validation/field/errors.go):
 * `<path>: <Type>: <value>: <detail>`. Values are rendered as JSON, as v1.34+ servers do.
 */

/** showValue renders a value the way the API server prints it in an error. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function requiredMessage(path: string, detail?: string): string {
  return detail ? `${path}: Required value: ${detail}` : `${path}: Required value`;
}

export function invalidMessage(path: string, value: unknown, detail: string): string {
  return `${path}: Invalid value: ${showValue(value)}: ${detail}`;
}

export function unsupportedMessage(path: string, value: unknown, supported: readonly string[]): string {
  return `${path}: Unsupported value: ${showValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`;
}

export function duplicateMessage(path: string, value: unknown): string {
  return `${path}: Duplicate value: ${showValue(value)}`;
}

export function tooLongMessage(path: string, max: number): string {
  return `${path}: Too long: may not be more than ${max} bytes`;
}

export function tooManyMessage(path: string, actual: number, max: number): string {
  return `${path}: Too many: ${actual}: must have at most ${max} items`;
}

export function forbiddenMessage(path: string, detail: string): string {
  return `${path}: Forbidden: ${detail}`;
}

export function notFoundMessage(path: string, value: unknown): string {
  return `${path}: Not found: ${showValue(value)}`;
}
