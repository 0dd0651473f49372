import type { ApiPath } from '../../apiPath';
import type { FieldErrors } from '../../fieldErrorList';
import { invalid } from '../../fieldErrorList';

/**
 * The path checks of pkg/apis/core/validation/validation.go used by volumes, mounts, env files
 * and seccomp profiles. Paths are POSIX (the API server and the nodes are assumed alike).
 */

/** validatePathNoBacksteps: no `..` element (one error, however many). */
export function validatePathNoBacksteps(target: string, path: ApiPath): FieldErrors {
  return target.split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, and no `..` element. */
export function validateLocalDescendingPath(target: string, path: ApiPath): FieldErrors {
  const errors: FieldErrors = target.startsWith('/') ? [invalid(path, target, 'must be a relative path')] : [];
  return [...errors, ...validatePathNoBacksteps(target, path)];
}

/** ValidateLocalNonReservedPath: also no leading `..` (unless already caught as an element). */
export function validateLocalNonReservedPath(target: string, path: ApiPath): FieldErrors {
  const errors = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errors.push(invalid(path, target, "must not start with '..'"));
  return errors;
}
