import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { duplicate, forbidden, invalid, requiredValid } from '../../fieldErrorList';
import { isDns1123Label } from '../../nameRules';
import { parseQuantity } from '../../quantity';
import { validateDownwardApiVolumeFile } from './downwardApi';
import { podTemplateRule, present, text } from './podTemplates';
import type { PodTemplateView } from './podTemplates';
import { validateEphemeralVolumeSource } from './volumeClaimTemplate';
import { validateFileMode, validateKeyedVolumeSource, validateProjectedVolumeSource } from './volumeFiles';
import { VOLUME_SOURCES } from './volumeSources';
import { objectItems } from '../../objectItems';

const RULE = 'volumes';

/**
 * The pod's volumes: ValidateVolumes and validateVolumeSource (exactly one source, each
 * source's own rules; pkg/apis/core/validation/validation.go). A volume with no source at all
 * is defaulted to an emptyDir (SetDefaults_Volume), so it is valid; an image volume is still
 * here only where the ImageVolume gate is on (DropDisabledTemplateFields removed it otherwise).
 */
export const volumesRule = podTemplateRule(
  {
    id: RULE,
    title: 'Volumes',
    description:
      'Volume names are unique DNS labels; a volume has one source, and that source is complete (configMap and secret names, ' +
      'PVC claimName, hostPath path, items with relative paths, file modes up to 0777, ...).',
    docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/',
  },
  (view) => volumeTable(view).errors,
);

export interface VolumeTable {
  /** Volumes without errors, by name: the ones a volumeMount may name. */
  readonly valid: ReadonlyMap<string, Record<string, unknown>>;
  readonly errors: FieldErrors;
}

const tables = new WeakMap<PodTemplateView, VolumeTable>();
const NO_VOLUMES: ReadonlyMap<string, Record<string, unknown>> = new Map();

/** volumeTable is ValidateVolumes' result for a pod template (computed once, used by the mounts rule too). */
export function volumeTable(view: PodTemplateView): VolumeTable {
  let table = tables.get(view);
  if (table) return table;
  if (!Array.isArray(view.spec['volumes'])) {
    // No volumes (most Jobs): nothing to check, and nothing a mount may name.
    table = { valid: NO_VOLUMES, errors: [] };
    tables.set(view, table);
    return table;
  }
  const valid = new Map<string, Record<string, unknown>>();
  const errors: FieldErrors = [];
  const names = new Set<string>();
  objectItems(view.spec['volumes'], view.path.child('volumes')).forEach(({ item: volume, path: at }) => {
    const name = text(volume['name']);
    const volumeErrors = validateVolumeSource(volume, at, name);
    volumeErrors.push(...requiredValid(name, at.child('name'), isDns1123Label));
    if (names.has(name)) volumeErrors.push(duplicate(at.child('name'), name));
    if (volumeErrors.length === 0) {
      names.add(name);
      valid.set(name, volume);
    } else {
      errors.push(...volumeErrors);
    }
  });
  table = { valid, errors };
  tables.set(view, table);
  return table;
}

/** validateVolumeSource: emptyDir first, then the sources in Kubernetes' order; a second one is Forbidden. */
function validateVolumeSource(volume: Record<string, unknown>, path: ApiPath, name: string): FieldErrors {
  const errors: FieldErrors = [];
  let count = 0;
  if (present(volume['emptyDir'])) {
    count++;
    const size = parseQuantity(obj(volume['emptyDir'])?.['sizeLimit']);
    if (size && size.nanos < 0n) {
      errors.push(forbidden(path.child('emptyDir', 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
    }
  }
  for (const { field, errorsAt, conflictAt, validate } of VOLUME_SOURCES) {
    const source = obj(volume[field]);
    if (!source) continue;
    if (count > 0) {
      errors.push(
        forbidden(path.child(field).printedAs(path.child(conflictAt ?? field)), 'may not specify more than 1 volume type'),
      );
    } else {
      count++;
      const at = path.child(field).printedAs(path.child(errorsAt ?? field));
      errors.push(...validate(source, at), ...ownValidation(field, source, at));
    }
    if (field === 'iscsi' && present(source['initiatorName']) && `${name}:${text(source['targetPortal'])}`.length > 64) {
      errors.push(
        invalid(
          path.child('name'),
          name,
          'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.',
        ),
      );
    }
  }
  return errors;
}

/** The sources whose rules live beside other checks (files, claim templates). */
function ownValidation(field: string, source: Record<string, unknown>, at: ApiPath): FieldErrors {
  switch (field) {
    case 'secret':
      return validateKeyedVolumeSource(source, at, 'secretName');
    case 'configMap':
      return validateKeyedVolumeSource(source, at, 'name');
    case 'downwardAPI':
      return validateDownwardApiVolume(source, at);
    case 'projected':
      return validateProjectedVolumeSource(source, at, validateDownwardApiVolumeFile);
    case 'ephemeral':
      return validateEphemeralVolumeSource(source, at);
    default:
      return [];
  }
}

/** validateDownwardAPIVolumeSource: the files' errors name the volume's downwardAPI, not the item. */
function validateDownwardApiVolume(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  if (present(source['defaultMode'])) errors.push(...validateFileMode(source['defaultMode'], path.child('defaultMode')));
  for (const file of list(source['items']) ?? []) errors.push(...validateDownwardApiVolumeFile(obj(file) ?? {}, path));
  return errors;
}
