import type { Fix } from '../model/diagnostic';
import type { ApiPath } from './apiPath';
import type { RuleContext } from './context';
import { quickFix, replaceValue, yamlString } from './edits';
import {
  duplicateMessage,
  forbiddenMessage,
  invalidMessage,
  notFoundMessage,
  requiredMessage,
  tooLongMessage,
  tooManyMessage,
  unsupportedMessage,
} from './fieldErrors';

/**
 * One field error, as Kubernetes' validation functions return them (apimachinery
 * field.ErrorList): rules written in that shape read like the function they mirror, and a
 * caller can use another function's result (which volumes are valid) without reporting it.
 */
export type FieldError =
  | { readonly type: 'Required'; readonly path: ApiPath; readonly detail?: string }
  | { readonly type: 'Forbidden'; readonly path: ApiPath; readonly detail: string }
  | { readonly type: 'Invalid'; readonly path: ApiPath; readonly value: unknown; readonly detail: string }
  | {
      readonly type: 'NotSupported';
      readonly path: ApiPath;
      readonly value: unknown;
      readonly supported: readonly string[];
      /** false where another rule owns the fix (a Job's restartPolicy). */
      readonly casingFix?: false;
    }
  | { readonly type: 'Duplicate'; readonly path: ApiPath; readonly value: unknown }
  | { readonly type: 'NotFound'; readonly path: ApiPath; readonly value: unknown; readonly detail?: string }
  | { readonly type: 'TooLong'; readonly path: ApiPath; readonly max: number }
  | { readonly type: 'TooMany'; readonly path: ApiPath; readonly actual: number; readonly max: number };

export type FieldErrors = FieldError[];

export const required = (path: ApiPath, detail?: string): FieldError =>
  detail ? { type: 'Required', path, detail } : { type: 'Required', path };
export const forbidden = (path: ApiPath, detail: string): FieldError => ({ type: 'Forbidden', path, detail });
export const invalid = (path: ApiPath, value: unknown, detail: string): FieldError => ({ type: 'Invalid', path, value, detail });
export const notSupported = (path: ApiPath, value: unknown, supported: readonly string[], casingFix?: false): FieldError => ({
  type: 'NotSupported',
  path,
  value,
  supported,
  ...(casingFix === false ? { casingFix } : {}),
});
export const duplicate = (path: ApiPath, value: unknown): FieldError => ({ type: 'Duplicate', path, value });
export const notFound = (path: ApiPath, value: unknown, detail?: string): FieldError =>
  detail ? { type: 'NotFound', path, value, detail } : { type: 'NotFound', path, value };
export const tooLong = (path: ApiPath, max: number): FieldError => ({ type: 'TooLong', path, max });
export const tooMany = (path: ApiPath, actual: number, max: number): FieldError => ({ type: 'TooMany', path, actual, max });

/**
 * requiredValid is the check Kubernetes writes for a field that must be set and well-formed (a
 * container's name, an env var's, a key selector's key): Required when empty, else Invalid for
 * each message of the format check (IsDNS1123Label, IsConfigMapKey, …).
 */
export function requiredValid(value: string, path: ApiPath, check: (value: string) => readonly string[]): FieldErrors {
  if (value === '') return [required(path)];
  return check(value).map((detail) => invalid(path, value, detail));
}

/** messageOf renders an error in the API server's words. */
export function messageOf(error: FieldError): string {
  const where = error.path.text;
  switch (error.type) {
    case 'Required':
      return requiredMessage(where, error.detail);
    case 'Forbidden':
      return forbiddenMessage(where, error.detail);
    case 'Invalid':
      return invalidMessage(where, error.value, error.detail);
    case 'NotSupported':
      return unsupportedMessage(where, error.value, error.supported);
    case 'Duplicate':
      return duplicateMessage(where, error.value);
    case 'NotFound':
      return error.detail ? `${notFoundMessage(where, error.value)}: ${error.detail}` : notFoundMessage(where, error.value);
    case 'TooLong':
      return tooLongMessage(where, error.max);
    case 'TooMany':
      return tooManyMessage(where, error.actual, error.max);
  }
}

/**
 * reportErrors hands each error to the context under `rule`. A Required error is drawn at the
 * nearest written field (the missing one has no place); a wrongly cased enum value gets the
 * fix to the supported spelling, the one fix that cannot guess wrong.
 */
export function reportErrors(ctx: RuleContext, rule: string, errors: readonly FieldError[]): void {
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i] as FieldError;
    ctx.report({
      rule,
      path: error.path.at,
      field: error.path.text,
      message: messageOf(error),
      at: error.type === 'Required' || (error.type === 'Duplicate' && typeof error.value !== 'string') ? 'key' : 'value',
      ...(error.type === 'NotSupported' && error.casingFix !== false
        ? casingFix(ctx, error.path, error.value, error.supported)
        : {}),
    });
  }
}

function casingFix(
  ctx: RuleContext,
  path: ApiPath,
  value: unknown,
  supported: readonly string[],
): { readonly fixes?: readonly Fix[] } {
  if (typeof value !== 'string' || value === '') return {};
  const lower = value.toLowerCase();
  const matches = supported.filter((s) => s.toLowerCase() === lower);
  if (matches.length !== 1) return {};
  return quickFix(`Use ${matches[0]}`, replaceValue(ctx.doc, path.at, yamlString(matches[0]!)), { preferred: true });
}
