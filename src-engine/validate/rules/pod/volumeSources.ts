import { enumValues } from '../../../schema/query';
import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { invalid, notSupported, required, requiredValid } from '../../fieldErrorList';
import { inclusiveRangeError, isDns1123Label, nameIsDnsSubdomain } from '../../nameRules';
import { num, present, text } from './podTemplates';
import { validateLocalDescendingPath, validatePathNoBacksteps } from './paths';

/**
 * The in-tree volume sources' own rules (validateHostPathVolumeSource, validateGitRepoVolumeSource,
 * validateISCSIVolumeSource, ... validateCSIVolumeSource, validateImageVolumeSource in
 * pkg/apis/core/validation/validation.go), after the server's volume defaults (hostPath type "",
 * azureDisk kind Shared and caching ReadWrite). Each takes the source object and its path.
 */
export type SourceValidator = (source: Record<string, unknown>, path: ApiPath) => FieldErrors;

const need = (source: Record<string, unknown>, path: ApiPath, ...fields: string[]): FieldErrors =>
  fields.filter((f) => text(source[f]) === '').map((f) => required(path.child(f)));
const needList = (source: Record<string, unknown>, path: ApiPath, field: string): FieldErrors =>
  (list(source[field])?.length ?? 0) === 0 ? [required(path.child(field))] : [];
const needSecretName = (source: Record<string, unknown>, path: ApiPath): FieldErrors => {
  const ref = obj(source['secretRef']);
  return ref && text(ref['name']) === '' ? [required(path.child('secretRef', 'name'))] : [];
};

const HOST_PATH_TYPES = [...enumValues('HostPathVolumeSource', 'type')].sort();
const PULL_POLICIES = [...enumValues('ImageVolumeSource', 'pullPolicy')].sort();
const CACHING_MODES = [...enumValues('AzureDiskVolumeSource', 'cachingMode')].sort();
/** AzureDisk kinds (the OpenAPI gives no enum for it). */
const DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];
const PARTITION_ERROR = inclusiveRangeError(1, 255);
const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\s]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;

function hostPath(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const target = text(source['path']);
  if (target === '') return [required(path.child('path'))];
  const errors = validatePathNoBacksteps(target, path.child('path'));
  const type = source['type'];
  if (present(type) && !HOST_PATH_TYPES.includes(String(type))) {
    errors.push(notSupported(path.child('type'), type, HOST_PATH_TYPES));
  }
  return errors;
}

function gitRepo(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  return [
    ...need(source, path, 'repository'),
    ...validateLocalDescendingPath(text(source['directory']), path.child('directory')),
  ];
}

function iqnErrors(value: string, path: ApiPath, prefixDetail: string): FieldErrors {
  if (!value.startsWith('iqn') && !value.startsWith('eui') && !value.startsWith('naa')) {
    return [invalid(path, value, prefixDetail)];
  }
  const pattern = value.startsWith('iqn') ? IQN : value.startsWith('eui') ? EUI : NAA;
  return pattern.test(value) ? [] : [invalid(path, value, 'must be valid format')];
}

function iscsi(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = need(source, path, 'targetPortal');
  const iqn = text(source['iqn']);
  if (iqn === '') errors.push(required(path.child('iqn')));
  else errors.push(...iqnErrors(iqn, path.child('iqn'), 'must be valid format starting with iqn, eui, or naa'));
  const lun = num(source['lun']);
  if (lun < 0 || lun > 255) errors.push(invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  if ((source['chapAuthDiscovery'] === true || source['chapAuthSession'] === true) && !present(source['secretRef'])) {
    errors.push(required(path.child('secretRef')));
  }
  if (present(source['initiatorName'])) {
    errors.push(
      ...iqnErrors(
        text(source['initiatorName']),
        path.child('initiatorname'),
        'must be valid format starting with iqn, eui, or naa',
      ),
    );
  }
  return errors;
}

function fc(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const wwns = list(source['targetWWNs']) ?? [];
  const wwids = list(source['wwids']) ?? [];
  if (wwns.length === 0 && wwids.length === 0) {
    errors.push(required(path.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  }
  if (wwns.length > 0 && wwids.length > 0) {
    errors.push(invalid(path.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
  }
  if (wwns.length > 0) {
    if (!present(source['lun'])) errors.push(required(path.child('lun'), 'lun is required if targetWWNs is specified'));
    else if (num(source['lun']) < 0 || num(source['lun']) > 255) {
      errors.push(invalid(path.child('lun'), num(source['lun']), inclusiveRangeError(0, 255)));
    }
  }
  return errors;
}

function diskWithPartition(nameField: string): SourceValidator {
  return (source, path) => {
    const errors = need(source, path, nameField);
    const partition = num(source['partition']);
    if (partition < 0 || partition > 255) errors.push(invalid(path.child('partition'), partition, PARTITION_ERROR));
    return errors;
  };
}

function nfs(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = need(source, path, 'server', 'path');
  if (!text(source['path']).startsWith('/')) {
    errors.push(invalid(path.child('path'), text(source['path']), 'must be an absolute path'));
  }
  return errors;
}

function quobyte(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const registry = text(source['registry']);
  const detail = 'must be a host:port pair or multiple pairs separated by commas';
  if (registry === '') errors.push(required(path.child('registry'), detail));
  else if (text(source['tenant']).length >= 65) {
    errors.push(required(path.child('tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
  } else {
    for (const pair of registry.split(',')) {
      if (!/^(\[[^\]]*\]|[^:[\]]*):[^:]*$/.test(pair)) errors.push(invalid(path.child('registry'), registry, detail));
    }
  }
  return [...errors, ...need(source, path, 'volume')];
}

function flocker(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const name = text(source['datasetName']);
  const uuid = text(source['datasetUUID']);
  const errors: FieldErrors = [];
  if (name === '' && uuid === '') errors.push(required(path, 'one of datasetName and datasetUUID is required'));
  if (name !== '' && uuid !== '') {
    errors.push(invalid(path, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
  }
  if (name.includes('/')) errors.push(invalid(path.child('datasetName'), name, "must not contain '/'"));
  return errors;
}

function flexVolume(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = need(source, path, 'driver');
  for (const key of Object.keys(obj(source['options']) ?? {})) {
    const slash = key.indexOf('/');
    const namespace = `.${(slash < 0 ? key : key.slice(0, slash)).toLowerCase()}`;
    if (namespace.endsWith('.kubernetes.io') || namespace.endsWith('.k8s.io')) {
      errors.push(invalid(path.child('options').key(key), key, 'kubernetes.io and k8s.io namespaces are reserved'));
    }
  }
  return errors;
}

function azureDisk(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = need(source, path, 'diskName', 'diskURI');
  const caching = present(source['cachingMode']) ? text(source['cachingMode']) : 'ReadWrite';
  if (!CACHING_MODES.includes(caching)) errors.push(notSupported(path.child('cachingMode'), caching, CACHING_MODES));
  const kind = present(source['kind']) ? text(source['kind']) : 'Shared';
  if (!DISK_KINDS.includes(kind)) errors.push(notSupported(path.child('kind'), kind, DISK_KINDS));
  const uri = text(source['diskURI']);
  if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) {
    errors.push(
      notSupported(path.child('diskURI'), uri, [
        '/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}',
      ]),
    );
  }
  if (kind !== 'Managed' && !uri.startsWith('https://')) {
    errors.push(
      notSupported(path.child('diskURI'), uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']),
    );
  }
  return errors;
}

function storageos(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = requiredValid(text(source['volumeName']), path.child('volumeName'), isDns1123Label);
  const namespace = text(source['volumeNamespace']);
  if (namespace !== '') {
    for (const d of isDns1123Label(namespace)) errors.push(invalid(path.child('volumeNamespace'), namespace, d));
  }
  return [...errors, ...needSecretName(source, path)];
}

/** ValidateCSIDriverName and the node-publish secret; the secret's name errors name `csi.name`. */
function csi(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const driver = text(source['driver']);
  if (driver === '') errors.push(required(path.child('driver')));
  else {
    if (driver.length > 63) errors.push({ type: 'TooLong', path: path.child('driver'), max: 63 });
    for (const d of nameIsDnsSubdomain(driver.toLowerCase(), false)) errors.push(invalid(path.child('driver'), driver, d));
  }
  const secret = obj(source['nodePublishSecretRef']);
  if (secret) {
    const name = text(secret['name']);
    if (name === '') errors.push(required(path.child('nodePublishSecretRef', 'name')));
    else {
      for (const d of nameIsDnsSubdomain(name, false)) {
        errors.push(invalid(path.child('nodePublishSecretRef', 'name').printedAs(`${path.text}.name`), name, d));
      }
    }
  }
  return errors;
}

/** validateImageVolumeSource for a template: the reference may be empty; the pull policy is defaulted first. */
function image(source: Record<string, unknown>, path: ApiPath): FieldErrors {
  const policy = text(source['pullPolicy']);
  return policy === '' || PULL_POLICIES.includes(policy) ? [] : [notSupported(path.child('pullPolicy'), policy, PULL_POLICIES)];
}

/**
 * The sources after emptyDir, in validateVolumeSource's order, with the path Kubernetes gives
 * the source's own errors when it differs from the field (`gcePersistentDisk` → `persistentDisk`,
 * `cephfs`) and the name of the "more than 1 volume type" path (`downwarAPI`, sic).
 */
export const VOLUME_SOURCES: readonly { field: string; errorsAt?: string; conflictAt?: string; validate: SourceValidator }[] = [
  { field: 'hostPath', validate: hostPath },
  { field: 'gitRepo', validate: gitRepo },
  { field: 'gcePersistentDisk', errorsAt: 'persistentDisk', validate: diskWithPartition('pdName') },
  { field: 'awsElasticBlockStore', validate: diskWithPartition('volumeID') },
  { field: 'secret', validate: () => [] },
  { field: 'nfs', validate: nfs },
  { field: 'iscsi', validate: iscsi },
  { field: 'glusterfs', validate: (s, p) => [...need(s, p, 'endpoints'), ...need(s, p, 'path')] },
  { field: 'flocker', validate: flocker },
  { field: 'persistentVolumeClaim', validate: (s, p) => need(s, p, 'claimName') },
  { field: 'rbd', validate: (s, p) => [...needList(s, p, 'monitors'), ...need(s, p, 'image')] },
  { field: 'cinder', validate: (s, p) => [...need(s, p, 'volumeID'), ...needSecretName(s, p)] },
  { field: 'cephfs', conflictAt: 'cephFS', validate: (s, p) => needList(s, p, 'monitors') },
  { field: 'quobyte', validate: quobyte },
  { field: 'downwardAPI', conflictAt: 'downwarAPI', validate: () => [] },
  { field: 'fc', validate: fc },
  { field: 'flexVolume', validate: flexVolume },
  { field: 'configMap', validate: () => [] },
  { field: 'azureFile', validate: (s, p) => need(s, p, 'secretName', 'shareName') },
  { field: 'vsphereVolume', validate: (s, p) => need(s, p, 'volumePath') },
  { field: 'photonPersistentDisk', validate: (s, p) => need(s, p, 'pdID') },
  { field: 'portworxVolume', validate: (s, p) => need(s, p, 'volumeID') },
  { field: 'azureDisk', validate: azureDisk },
  { field: 'storageos', validate: storageos },
  { field: 'projected', validate: () => [] },
  { field: 'scaleIO', validate: (s, p) => need(s, p, 'gateway', 'system', 'volumeName') },
  { field: 'csi', validate: csi },
  { field: 'ephemeral', validate: () => [] },
  { field: 'image', validate: image },
];
