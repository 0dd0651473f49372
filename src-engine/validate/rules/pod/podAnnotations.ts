import type { FieldErrors } from '../../fieldErrorList';
import { forbidden, invalid } from '../../fieldErrorList';
import { obj } from '../../context';
import { validateLocalDescendingPath } from './paths';
import { containersOf, podSecurityContext, podOs, text } from './podTemplates';
import type { PodTemplateView } from './podTemplates';

/**
 * The pod template's annotations that Kubernetes reads: ValidatePodSpecificAnnotations (mirror
 * pod, pod-deletion-cost, the deprecated seccomp and AppArmor annotations),
 * validateSeccompAnnotationsAndFields and validateAppArmorAnnotationsAndFieldsMatchOnCreate
 * (pkg/apis/core/validation/validation.go). The JSON tolerations annotation is not parsed.
 */

const MIRROR = 'kubernetes.io/config.mirror';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';
const INT32 = /^(0|-?[1-9][0-9]*)$/;

/** ValidateSeccompProfile: the annotation's value form. */
function seccompAnnotationErrors(value: string, at: FieldErrors[number]['path']): FieldErrors {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return [];
  if (value.startsWith('localhost/')) return validateLocalDescendingPath(value.slice('localhost/'.length), at);
  return [invalid(at, value, 'must be a valid seccomp profile')];
}

/** validateSeccompAnnotationsAndFieldsMatch. */
function seccompMismatch(
  annotation: string,
  field: Record<string, unknown> | undefined,
  at: FieldErrors[number]['path'],
): FieldErrors {
  if (!field) return [];
  const type = text(field['type']);
  const typeMismatch = [forbidden(at.child('type'), 'seccomp type in annotation and field must match')];
  if (type === 'Unconfined') return annotation === 'unconfined' ? [] : typeMismatch;
  if (type === 'RuntimeDefault') return annotation === 'runtime/default' || annotation === 'docker/default' ? [] : typeMismatch;
  if (type !== 'Localhost') return [];
  if (!annotation.startsWith('localhost/')) return typeMismatch;
  const profile = field['localhostProfile'];
  return typeof profile === 'string' && annotation.slice('localhost/'.length) === profile
    ? []
    : [forbidden(at.child('localhostProfile'), 'seccomp profile in annotation and field must match')];
}

export function validatePodAnnotations(view: PodTemplateView): FieldErrors {
  // Every check here starts from an annotation: a template without any (most) has nothing to check.
  const annotations = obj(view.metadata?.['annotations']);
  if (!annotations) return [];
  const path = view.templatePath.child('annotations');
  const errors: FieldErrors = [];
  const value = (key: string): string => text(annotations[key]);
  if (MIRROR in annotations && text(view.spec['nodeName']) === '') {
    errors.push(invalid(path.key(MIRROR), value(MIRROR), 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (DELETION_COST in annotations && view.gates.enabled('PodDeletionCost')) {
    const cost = value(DELETION_COST);
    if (!INT32.test(cost) || Math.abs(Number(cost)) > 2147483648 || Number(cost) > 2147483647) {
      errors.push(invalid(path.key(DELETION_COST), cost, 'must be a 32bit integer'));
    }
  }
  const names = new Set(containersOf(view).map((c) => text(c.container['name'])));
  for (const key of Object.keys(annotations)) {
    if (key === SECCOMP_POD || key.startsWith(SECCOMP_CONTAINER)) {
      errors.push(...seccompAnnotationErrors(value(key), path.key(key).printedAs(`${path.text}.${key}`)));
    }
    if (!key.startsWith(APPARMOR_CONTAINER)) continue;
    const container = key.slice(APPARMOR_CONTAINER.length);
    if (!names.has(container)) errors.push(invalid(path.key(key), container, 'container not found'));
    const profile = value(key);
    if (profile !== '' && profile !== 'runtime/default' && profile !== 'unconfined' && !profile.startsWith('localhost/')) {
      errors.push(invalid(path.key(key), profile, `invalid AppArmor profile name: ${JSON.stringify(profile)}`));
    }
  }
  const podSeccomp = obj(podSecurityContext(view)['seccompProfile']);
  if (SECCOMP_POD in annotations) {
    errors.push(...seccompMismatch(value(SECCOMP_POD), podSeccomp, view.path.child('securityContext', 'seccompProfile')));
  }
  const podAppArmor = obj(podSecurityContext(view)['appArmorProfile']);
  for (const { container, path: at } of containersOf(view)) {
    const sc = obj(container['securityContext']);
    const name = text(container['name']);
    const seccompKey = SECCOMP_CONTAINER + name;
    if (seccompKey in annotations) {
      errors.push(
        ...seccompMismatch(value(seccompKey), obj(sc?.['seccompProfile']), at.child('securityContext', 'seccompProfile')),
      );
    }
    const appArmorKey = APPARMOR_CONTAINER + name;
    const profile = obj(sc?.['appArmorProfile']) ?? podAppArmor;
    if (!profile || !(appArmorKey in annotations) || podOs(view) === 'windows') continue;
    const annotation = value(appArmorKey);
    const where = at.child('securityContext', 'appArmorProfile');
    const type = text(profile['type']);
    const typeMismatch = forbidden(where.child('type'), 'apparmor type in annotation and field must match');
    if (type === 'Unconfined' && annotation !== 'unconfined') errors.push(typeMismatch);
    if (type === 'RuntimeDefault' && annotation !== 'runtime/default') errors.push(typeMismatch);
    if (type === 'Localhost') {
      if (!annotation.startsWith('localhost/')) errors.push(typeMismatch);
      else if (annotation.slice('localhost/'.length) !== profile['localhostProfile']) {
        errors.push(forbidden(where.child('localhostProfile'), 'apparmor profile in annotation and field must match'));
      }
    }
  }
  return errors;
}
