import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { invalid, notFound, required, requiredValid } from '../../fieldErrorList';
import { isConfigMapKey, isDns1123Label, isEnvVarName, isRelaxedEnvVarName, nameIsDnsSubdomain } from '../../nameRules';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './downwardApi';
import { validatePathNoBacksteps } from './paths';
import { containersOf, podTemplateRule, present, text } from './podTemplates';
import type { ContainerView, PodTemplateView } from './podTemplates';
import { objectItems } from '../../objectItems';

const RULE = 'env';
/** validEnvDownwardAPIFieldPathExpressions. */
const ENV_FIELD_PATHS = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/**
 * Environment variables: ValidateEnv, validateEnvVarValueFrom (exactly one source; fieldRef,
 * resourceFieldRef, configMapKeyRef, secretKeyRef, fileKeyRef), ValidateEnvFrom and
 * validateFileKeyRefVolumes (pkg/apis/core/validation/validation.go), with the 1.35 gates
 * RelaxedEnvironmentVariableValidation and EnvFiles.
 */
export const envRule = podTemplateRule(
  {
    id: RULE,
    title: 'Environment variables',
    description:
      'Each env var has a name of printable ASCII without "=", and either a value or exactly one valueFrom source whose ' +
      'references are valid (downward API field paths, resource names, ConfigMap/Secret names and keys, an emptyDir volume ' +
      'for fileKeyRef); each envFrom names exactly one ConfigMap or Secret.',
    docsUrl: 'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
  },
  (view) => {
    const errors: FieldErrors = [];
    // An indexed loop: this runs for every document, mostly before it is optimised.
    const containers = containersOf(view);
    for (let i = 0; i < containers.length; i++) {
      const { container, path } = containers[i] as ContainerView;
      if (container['env'] !== undefined) errors.push(...validateEnv(container['env'], path.child('env'), view));
      if (container['envFrom'] !== undefined) {
        errors.push(...validateEnvFrom(container['envFrom'], path.child('envFrom'), view));
      }
    }
    errors.push(...validateFileKeyRefVolumes(view));
    return errors;
  },
);

function envVarNameErrors(name: string, view: PodTemplateView): string[] {
  return view.gates.enabled('RelaxedEnvironmentVariableValidation') ? isRelaxedEnvVarName(name) : isEnvVarName(name);
}

/** ValidateEnv. */
function validateEnv(env: unknown, path: ApiPath, view: PodTemplateView): FieldErrors {
  const items = list(env);
  if (!items) return [];
  const errors: FieldErrors = [];
  const nameErrors = (value: string): string[] => envVarNameErrors(value, view);
  // An indexed loop that makes paths only for a finding: every env var of every document comes
  // through here, mostly before it is optimised.
  for (let i = 0; i < items.length; i++) {
    const ev = obj(items[i]) ?? {};
    const name = text(ev['name']);
    if (name === '' || nameErrors(name).length > 0) {
      errors.push(...requiredValid(name, path.index(i).child('name'), nameErrors));
    }
    if (obj(ev['valueFrom'])) errors.push(...validateEnvVarValueFrom(ev, path.index(i).child('valueFrom'), view));
  }
  return errors;
}

/** validateEnvVarValueFrom: exactly one source, and not together with `value`. */
function validateEnvVarValueFrom(ev: Record<string, unknown>, path: ApiPath, view: PodTemplateView): FieldErrors {
  const from = obj(ev['valueFrom']);
  if (!from) return [];
  const errors: FieldErrors = [];
  let sources = 0;
  const fieldRef = obj(from['fieldRef']);
  if (fieldRef) {
    sources++;
    errors.push(...validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, path.child('fieldRef')));
  }
  const resourceFieldRef = obj(from['resourceFieldRef']);
  if (resourceFieldRef) {
    sources++;
    errors.push(...validateResourceFieldSelector(resourceFieldRef, path.child('resourceFieldRef'), false));
  }
  for (const kind of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = obj(from[kind]);
    if (!ref) continue;
    sources++;
    errors.push(...validateKeySelector(ref, path.child(kind)));
  }
  // With EnvFiles off (1.34) DropDisabledTemplateFields removed fileKeyRef before validation.
  const fileKeyRef = obj(from['fileKeyRef']);
  if (fileKeyRef) {
    sources++;
    errors.push(...validateFileKeySelector(fileKeyRef, path.child('fileKeyRef')));
  }
  if (sources === 0) {
    // opts.AllowEnvFilesValidation: the wording names fileKeyRef once EnvFiles is on (1.35).
    const kinds = view.gates.enabled('EnvFiles')
      ? '`fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`'
      : '`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`';
    errors.push(invalid(path, '', `must specify one of: ${kinds}`));
  } else if (text(ev['value']) !== '') {
    errors.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errors.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errors;
}

/** validateConfigMapKeySelector / validateSecretKeySelector: the name is checked even when empty. */
function validateKeySelector(ref: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors: FieldErrors = [];
  const name = text(ref['name']);
  for (const detail of nameIsDnsSubdomain(name, false)) errors.push(invalid(path.child('name'), name, detail));
  errors.push(...requiredValid(text(ref['key']), path.child('key'), isConfigMapKey));
  return errors;
}

/** validateFileKeySelector. */
function validateFileKeySelector(ref: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = [
    ...requiredValid(text(ref['key']), path.child('key'), isRelaxedEnvVarName),
    ...requiredValid(text(ref['volumeName']), path.child('volumeName'), isDns1123Label),
  ];
  const filePath = text(ref['path']);
  if (filePath === '') errors.push(required(path.child('path')));
  else errors.push(...validatePathNoBacksteps(filePath, path.child('path')));
  return errors;
}

/** ValidateEnvFrom: the "one source" errors name the envFrom list itself, as Kubernetes does. */
function validateEnvFrom(envFrom: unknown, path: ApiPath, view: PodTemplateView): FieldErrors {
  const errors: FieldErrors = [];
  objectItems(envFrom, path).forEach(({ item: source, path: at }) => {
    const prefix = text(source['prefix']);
    if (prefix !== '') {
      for (const detail of envVarNameErrors(prefix, view)) errors.push(invalid(at.child('prefix'), prefix, detail));
    }
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = obj(source[kind]);
      if (!ref) continue;
      sources++;
      const name = text(ref['name']);
      errors.push(...requiredValid(name, at.child(kind, 'name'), (value) => nameIsDnsSubdomain(value, true)));
    }
    if (sources === 0) errors.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errors.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errors;
}

/** validateFileKeyRefVolumes: fileKeyRef reads an emptyDir volume of the pod (a volume with no source is defaulted to one). */
function validateFileKeyRefVolumes(view: PodTemplateView): FieldErrors {
  // The pod's volumes by name, listed at the first fileKeyRef (few pods have one).
  let volumes: Map<string, Record<string, unknown>> | undefined;
  const volumesByName = (): Map<string, Record<string, unknown>> => {
    volumes = new Map();
    for (const item of list(view.spec['volumes']) ?? []) {
      const volume = obj(item);
      if (volume) volumes.set(text(volume['name']), volume);
    }
    return volumes;
  };
  const errors: FieldErrors = [];
  const containers = containersOf(view);
  for (let i = 0; i < containers.length; i++) {
    const { container, path } = containers[i] as ContainerView;
    list(container['env'])?.forEach((item, j) => {
      const ref = obj(obj(obj(item)?.['valueFrom'])?.['fileKeyRef']);
      if (!ref) return;
      const name = text(ref['volumeName']);
      const at = path.child('env').index(j).child('valueFrom', 'fileKeyRef', 'volumeName');
      const volume = (volumes ?? volumesByName()).get(name);
      if (!volume) errors.push(notFound(at, name));
      else if (!isEmptyDirAfterDefaults(volume)) errors.push(invalid(at, name, 'referenced volume must be of type emptyDir'));
    });
  }
  return errors;
}

function isEmptyDirAfterDefaults(volume: Record<string, unknown>): boolean {
  if (present(volume['emptyDir'])) return true;
  return !Object.entries(volume).some(([k, v]) => k !== 'name' && present(v));
}
