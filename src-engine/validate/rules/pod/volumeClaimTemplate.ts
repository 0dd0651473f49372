import { enumValues } from '../../../schema/query';
import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { forbidden, invalid, notSupported, required } from '../../fieldErrorList';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, nameIsDnsSubdomain } from '../../nameRules';
import { parseQuantity, quantityString } from '../../quantity';
import { validateLabelSelector, validateLabels } from '../../selectors';
import { present, text } from './podTemplates';

/**
 * A generic ephemeral volume's claim template: validateEphemeralVolumeSource,
 * ValidatePersistentVolumeClaimTemplate, ValidateTemplateObjectMeta and
 * ValidatePersistentVolumeClaimSpec (pkg/apis/core/validation/validation.go).
 */

const ACCESS_MODES = [...enumValues('PersistentVolumeClaimSpec', 'accessModes')].sort();
const VOLUME_MODES = [...enumValues('PersistentVolumeClaimSpec', 'volumeMode')].sort();
/** ValidateTemplateObjectMeta: only labels and annotations may be set. */
const ALLOWED_METADATA = new Set(['labels', 'annotations']);

export function validateEphemeralVolumeSource(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const template = obj(source['volumeClaimTemplate']);
  if (!template) return [required(path.child('volumeClaimTemplate'))];
  const at = path.child('volumeClaimTemplate');
  const errors = validateTemplateMetadata(obj(template['metadata']) ?? {}, at.child('metadata'));
  errors.push(...validateClaimSpec(obj(template['spec']) ?? {}, at.child('spec')));
  return errors;
}

function validateTemplateMetadata(meta: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  for (const key of Object.keys(obj(meta['annotations']) ?? {})) {
    for (const d of isQualifiedName(key.toLowerCase())) {
      errors.push(invalid(path.child('annotations').key(key).printedAs(`${path.text}.annotations`), key, d));
    }
  }
  errors.push(...validateLabels(obj(meta['labels']), path.child('labels')));
  for (const [key, value] of Object.entries(meta)) {
    if (!ALLOWED_METADATA.has(key) && present(value) && !isZero(value)) errors.push(forbidden(path.child(key), 'cannot be set'));
  }
  return errors;
}

const isZero = (value: unknown): boolean =>
  value === '' ||
  value === 0 ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/** ValidatePersistentVolumeClaimSpec (create options: VolumeAttributesClass on). */
function validateClaimSpec(spec: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const modes = (list(spec['accessModes']) ?? []).map(String);
  if (modes.length === 0) errors.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  if (present(spec['selector'])) errors.push(...validateLabelSelector(spec['selector'], path.child('selector')));
  let once = false;
  let other = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errors.push(notSupported(path.child('accessModes'), mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') once = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  }
  if (once && other) errors.push(forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = path.child('resources').key('storage');
  const storage = parseQuantity(obj(obj(spec['resources'])?.['requests'])?.['storage']);
  if (!present(obj(obj(spec['resources'])?.['requests'])?.['storage'])) errors.push(required(storagePath));
  else if (storage && storage.nanos <= 0n) {
    errors.push(invalid(storagePath, quantityString(storage), 'must be greater than zero'));
  }
  for (const field of ['storageClassName', 'volumeAttributesClassName']) {
    const name = text(spec[field]);
    if (name !== '') for (const d of isDns1123Subdomain(name)) errors.push(invalid(path.child(field), name, d));
  }
  if (present(spec['volumeMode']) && !VOLUME_MODES.includes(text(spec['volumeMode']))) {
    errors.push(notSupported(path.child('volumeMode'), text(spec['volumeMode']), VOLUME_MODES));
  }
  const dataSource = obj(spec['dataSource']);
  const dataSourceRef = obj(spec['dataSourceRef']);
  if (dataSource) errors.push(...validateDataSource(dataSource, path.child('dataSource')));
  if (dataSourceRef) {
    errors.push(...validateDataSource(dataSourceRef, path.child('dataSourceRef')));
    const namespace = text(dataSourceRef['namespace']);
    if (namespace !== '') {
      for (const d of isDns1123Label(namespace)) errors.push(invalid(path.child('dataSourceRef', 'namespace'), namespace, d));
    }
  }
  if (dataSourceRef && text(dataSourceRef['namespace']) !== '') {
    if (dataSource) {
      errors.push(invalid(path, path.child('dataSource').text, 'may not be specified when dataSourceRef.namespace is specified'));
    }
  } else if (dataSource && dataSourceRef && !sameSource(dataSource, dataSourceRef)) {
    errors.push(invalid(path, path.child('dataSource').text, 'must match dataSourceRef'));
  }
  return errors;
}

function sameSource(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return (a['apiGroup'] ?? null) === (b['apiGroup'] ?? null) && a['kind'] === b['kind'] && a['name'] === b['name'];
}

/** validateDataSource / validateDataSourceRef. */
function validateDataSource(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  if (text(source['name']) === '') errors.push(required(path.child('name')));
  const kind = text(source['kind']);
  if (kind === '') errors.push(required(path.child('kind')));
  const group = text(source['apiGroup']);
  if (group === '' && kind !== 'PersistentVolumeClaim') {
    errors.push(invalid(path, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (group !== '') for (const d of nameIsDnsSubdomain(group, false)) errors.push(invalid(path.child('apiGroup'), group, d));
  return errors;
}
