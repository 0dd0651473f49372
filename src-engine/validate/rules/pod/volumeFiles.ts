import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { forbidden, invalid, required } from '../../fieldErrorList';
import { num, present, text } from './podTemplates';
import { validateLocalNonReservedPath } from './paths';
import { objectItems } from '../../objectItems';

/**
 * Volume sources that write files: secret, configMap, downwardAPI and projected volumes
 * (validateSecretVolumeSource, validateConfigMapVolumeSource, validateKeyToPath,
 * validateProjectedVolumeSource, validateProjectionSources; pkg/apis/core/validation).
 */

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const MIN_TOKEN_SECONDS = 10 * 60;
const MAX_TOKEN_SECONDS = 2 ** 32;

/** A file mode is 0..0777 (511). */
export function validateFileMode(mode: unknown, path: ApiPath): FieldErrors {
  const value = num(mode);
  return value < 0 || value > 0o777 ? [invalid(path, value, FILE_MODE_ERROR)] : [];
}

/** validateKeyToPath. */
function validateKeyToPath(item: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  if (text(item['key']) === '') errors.push(required(path.child('key')));
  const filePath = text(item['path']);
  if (filePath === '') errors.push(required(path.child('path')));
  errors.push(...validateLocalNonReservedPath(filePath, path.child('path')));
  if (present(item['mode'])) errors.push(...validateFileMode(item['mode'], path.child('mode')));
  return errors;
}

function items(source: Record<string, unknown>): Record<string, unknown>[] {
  return (list(source['items']) ?? []).map((i) => obj(i) ?? {});
}

/** validateSecretVolumeSource (nameField secretName) and validateConfigMapVolumeSource (name). */
export function validateKeyedVolumeSource(
  source: Record<string, unknown>,
  path: ApiPath,
  nameField: 'secretName' | 'name',
): FieldErrors {
  const errors: FieldErrors = [];
  if (text(source[nameField]) === '') errors.push(required(path.child(nameField)));
  if (present(source['defaultMode'])) errors.push(...validateFileMode(source['defaultMode'], path.child('defaultMode')));
  items(source).forEach((item, i) => errors.push(...validateKeyToPath(item, path.child('items').index(i))));
  return errors;
}

/** validateProjectedVolumeSource and validateProjectionSources (paths unique across sources). */
export function validateProjectedVolumeSource(
  source: Record<string, unknown>,
  path: ApiPath,
  downwardFile: (file: Record<string, unknown>, path: ApiPath) => FieldErrors,
): FieldErrors {
  const errors: FieldErrors = [];
  if (present(source['defaultMode'])) errors.push(...validateFileMode(source['defaultMode'], path.child('defaultMode')));
  const paths = new Set<string>();
  const claim = (filePath: string, value: unknown): void => {
    if (paths.has(filePath)) errors.push(invalid(path, value, 'conflicting duplicate paths'));
    else paths.add(filePath);
  };
  objectItems(source['sources'], path.child('sources')).forEach(({ item: projection, path: at }) => {
    let kinds = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = obj(projection[kind]);
      if (!ref) continue;
      kinds++;
      if (text(ref['name']) === '') errors.push(required(at.child(kind, 'name')));
      items(ref).forEach((file, j) => {
        errors.push(...validateKeyToPath(file, at.child(kind, 'items').index(j)));
        if (text(file['path']) !== '') claim(text(file['path']), text(ref['name']));
      });
    }
    const downward = obj(projection['downwardAPI']);
    if (downward) {
      kinds++;
      for (const file of items(downward)) {
        errors.push(...downwardFile(file, at.child('downwardAPI')));
        if (text(file['path']) !== '') claim(text(file['path']), text(file['path']));
      }
    }
    const token = obj(projection['serviceAccountToken']);
    if (token) {
      kinds++;
      errors.push(...validateServiceAccountToken(token, at.child('serviceAccountToken'), path));
    }
    // Left only where their gates are on (DropDisabledTemplateFields removed them otherwise).
    if (present(projection['clusterTrustBundle'])) kinds++;
    if (present(projection['podCertificate'])) kinds++;
    if (kinds > 1) errors.push(forbidden(at, 'may not specify more than 1 volume type per source'));
  });
  return errors;
}

/** A service account token lives 10 minutes to 2³² seconds (default one hour); its path is local. */
function validateServiceAccountToken(token: Record<string, unknown>, path: ApiPath, volumePath: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const seconds = present(token['expirationSeconds']) ? num(token['expirationSeconds']) : 3600;
  if (seconds < MIN_TOKEN_SECONDS) {
    errors.push(invalid(path.child('expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
  }
  if (seconds > MAX_TOKEN_SECONDS) {
    errors.push(invalid(path.child('expirationSeconds'), seconds, 'may not specify a duration larger than 2^32 seconds'));
  }
  const tokenPath = text(token['path']);
  // Kubernetes names the projected volume's `path`, not the token's, in both errors.
  if (tokenPath === '') errors.push(required(volumePath.child('path')));
  else errors.push(...validateLocalNonReservedPath(tokenPath, volumePath.child('path').printedAs(`${volumePath.text}.path`)));
  return errors;
}
