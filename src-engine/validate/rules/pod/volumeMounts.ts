import { enumValues } from '../../../schema/query';
import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { forbidden, invalid, notFound, notSupported, required } from '../../fieldErrorList';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths';
import { containersOf, podTemplateRule, present, text } from './podTemplates';
import type { ContainerView } from './podTemplates';
import { volumeTable } from './volumes';

const RULE = 'volume-mounts';
const PROPAGATIONS = [...enumValues('VolumeMount', 'mountPropagation')].sort();
/** validateMountRecursiveReadOnly's values (no OpenAPI enum). */
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

/**
 * Volume mounts and block devices of every container: ValidateVolumeMounts,
 * validateMountPropagation, validateMountRecursiveReadOnly and ValidateVolumeDevices
 * (pkg/apis/core/validation/validation.go). A mount may only name a volume that is itself
 * valid, as in Kubernetes. The errors of subPath, subPathExpr, mountPropagation and
 * recursiveReadOnly name `volumeMounts.<field>` without the index, as Kubernetes prints them.
 */
export const volumeMountsRule = podTemplateRule(
  {
    id: RULE,
    title: 'Volume mounts',
    description:
      'Each volumeMount names a valid volume of the pod and a unique mountPath; subPath and subPathExpr are relative without ' +
      '"..", and not both; Bidirectional propagation needs a privileged container; recursiveReadOnly needs readOnly; ' +
      'volumeDevices name PVC volumes.',
    docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/',
  },
  (view) => {
    const volumes = volumeTable(view).valid;
    const errors: FieldErrors = [];
    // An indexed loop, one spread per push: this runs for every document, mostly before it is optimised.
    const containers = containersOf(view);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i] as ContainerView;
      errors.push(...validateMounts(c, volumes));
      errors.push(...validateDevices(c, volumes));
    }
    return errors;
  },
);

const hasItems = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

function entries(value: unknown): Record<string, unknown>[] {
  return (list(value) ?? []).map((m) => obj(m) ?? {});
}

/** GetVolumeDeviceMap / GetVolumeMountMap: name → path. */
function pathsByName(items: Record<string, unknown>[], pathField: string): Map<string, string> {
  return new Map(items.map((i) => [text(i['name']), text(i[pathField])]));
}

function validateMounts({ container, path }: ContainerView, volumes: ReadonlyMap<string, unknown>): FieldErrors {
  // Most containers mount nothing: no tables to build for them.
  if (!hasItems(container['volumeMounts'])) return [];
  const errors: FieldErrors = [];
  const devices = pathsByName(entries(container['volumeDevices']), 'devicePath');
  const devicePaths = new Set(devices.values());
  const mountPoints = new Set<string>();
  const list = path.child('volumeMounts');
  entries(container['volumeMounts']).forEach((mount, i) => {
    const at = list.index(i);
    const name = text(mount['name']);
    const mountPath = text(mount['mountPath']);
    if (name === '') errors.push(required(at.child('name')));
    if (!volumes.has(name)) errors.push(notFound(at.child('name'), name));
    if (mountPath === '') errors.push(required(at.child('mountPath')));
    if (mountPoints.has(mountPath)) errors.push(invalid(at.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (devices.has(name)) errors.push(invalid(at.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) {
      errors.push(invalid(at.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    }
    const unindexed = (field: string): ApiPath => at.child(field).printedAs(list.child(field));
    const subPath = text(mount['subPath']);
    if (subPath !== '') errors.push(...validateLocalDescendingPath(subPath, unindexed('subPath')));
    const subPathExpr = text(mount['subPathExpr']);
    if (subPathExpr !== '') {
      if (subPath !== '') {
        errors.push(invalid(at.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      }
      errors.push(...validateLocalDescendingPath(subPathExpr, unindexed('subPathExpr')));
    }
    const propagation = mount['mountPropagation'];
    if (present(propagation)) {
      if (!PROPAGATIONS.includes(String(propagation))) {
        errors.push(notSupported(unindexed('mountPropagation'), propagation, PROPAGATIONS));
      }
      const privileged = obj(container['securityContext'])?.['privileged'] === true;
      if (propagation === 'Bidirectional' && !privileged) {
        errors.push(
          forbidden(unindexed('mountPropagation'), 'Bidirectional mount propagation is available only to privileged containers'),
        );
      }
    }
    errors.push(...validateRecursiveReadOnly(mount, unindexed('recursiveReadOnly')));
  });
  return errors;
}

/** validateMountRecursiveReadOnly (gate RecursiveReadOnlyMounts is GA). */
function validateRecursiveReadOnly(mount: Record<string, unknown>, path: ApiPath): FieldErrors {
  const value = mount['recursiveReadOnly'];
  if (!present(value) || value === 'Disabled') return [];
  if (value !== 'Enabled' && value !== 'IfPossible') return [notSupported(path, value, RECURSIVE_READ_ONLY)];
  const errors: FieldErrors = [];
  if (mount['readOnly'] !== true) errors.push(forbidden(path, 'may only be specified when readOnly is true'));
  const propagation = mount['mountPropagation'];
  if (present(propagation) && propagation !== 'None') {
    errors.push(forbidden(path, 'may only be specified when mountPropagation is None or not specified'));
  }
  return errors;
}

/** ValidateVolumeDevices: raw block devices come only from PVC or ephemeral volumes. */
function validateDevices({ container, path }: ContainerView, volumes: ReadonlyMap<string, unknown>): FieldErrors {
  if (!hasItems(container['volumeDevices'])) return [];
  const errors: FieldErrors = [];
  const mounts = pathsByName(entries(container['volumeMounts']), 'mountPath');
  const mountPaths = new Set(mounts.values());
  const paths = new Set<string>();
  const names = new Set<string>();
  entries(container['volumeDevices']).forEach((device, i) => {
    const at = path.child('volumeDevices').index(i);
    const name = text(device['name']);
    const devicePath = text(device['devicePath']);
    const volume = obj(volumes.get(name));
    if (name === '') errors.push(required(at.child('name')));
    if (names.has(name)) errors.push(invalid(at.child('name'), name, 'must be unique'));
    if (volume && !present(volume['persistentVolumeClaim']) && !present(volume['ephemeral'])) {
      errors.push(
        invalid(at.child('name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'),
      );
    }
    if (!volume) errors.push(notFound(at.child('name'), name));
    if (devicePath === '') errors.push(required(at.child('devicePath')));
    if (paths.has(devicePath)) errors.push(invalid(at.child('devicePath'), devicePath, 'must be unique'));
    if (devicePath !== '' && validatePathNoBacksteps(devicePath, at).length > 0) {
      errors.push(invalid(at.child('devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(devicePath);
    }
    if (mounts.has(name)) errors.push(invalid(at.child('name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) {
      errors.push(invalid(at.child('devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    }
    if (name !== '') names.add(name);
  });
  return errors;
}
