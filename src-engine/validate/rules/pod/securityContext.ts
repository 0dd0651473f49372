import { enumValues } from '../../../schema/query';
import { atLeast } from '../../../schema/kubernetesVersion';
import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { forbidden, invalid, notSupported, required } from '../../fieldErrorList';
import { inclusiveRangeError } from '../../nameRules';
import { validateLocalDescendingPath } from './paths';
import { containersOf, podSecurityContext, podTemplateRule, podUsesHostUsers, present, text } from './podTemplates';
import type { ContainerView, PodTemplateView } from './podTemplates';
import { validateWindowsOptions } from './windows';

const RULE = 'security-context';
const MAX_ID = 2147483647;
const PROFILE_TYPES = [...enumValues('SeccompProfile', 'type')].sort();
const APPARMOR_TYPES = [...enumValues('AppArmorProfile', 'type')].sort();
const FS_GROUP_POLICIES = [...enumValues('PodSecurityContext', 'fsGroupChangePolicy')].sort();
const GROUPS_POLICIES = [...enumValues('PodSecurityContext', 'supplementalGroupsPolicy')].sort();
/** ValidateProcMountType lists them in this order. */
const PROC_MOUNTS = ['Default', 'Unmasked'];
const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const IPC_SYSCTLS = new Set([
  'kernel.sem',
  'kernel.shmall',
  'kernel.shmmax',
  'kernel.shmmni',
  'kernel.shm_rmid_forced',
  'kernel.shm',
  'kernel.msgmax',
  'kernel.msgmnb',
  'kernel.msgmni',
  'kernel.msg',
]);

/**
 * Security contexts of the pod and its containers: validatePodSpecSecurityContext (IDs,
 * sysctls, fsGroupChangePolicy, seccomp, AppArmor, supplementalGroupsPolicy,
 * seLinuxChangePolicy), ValidateSecurityContext (IDs, procMount with hostUsers,
 * privilege escalation) and validateHostUsers (pkg/apis/core/validation/validation.go).
 * `privileged: true` is accepted, as on clusters started with --allow-privileged (kubeadm, kind).
 */
export const securityContextRule = podTemplateRule(
  {
    id: RULE,
    title: 'Security context',
    description:
      'User and group IDs between 0 and 2147483647; valid sysctls, seccomp and AppArmor profiles, fsGroupChangePolicy, ' +
      'supplementalGroupsPolicy and seLinuxChangePolicy; procMount Unmasked only with hostUsers: false; no hostNetwork, ' +
      'hostPID, hostIPC or volumeDevices with hostUsers: false.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  },
  (view) => {
    const errors = validatePodSecurityContext(view);
    const hostUsers = podUsesHostUsers(view);
    // An indexed loop: this runs for every document, mostly before it is optimised.
    const containers = containersOf(view);
    for (let i = 0; i < containers.length; i++) {
      const { container, path } = containers[i] as ContainerView;
      const sc = obj(container['securityContext']);
      if (sc) errors.push(...validateContainerSecurityContext(sc, path.child('securityContext'), hostUsers));
    }
    errors.push(...validateHostUsers(view));
    return errors;
  },
);

const POD_ID_FIELDS: readonly string[] = ['fsGroup', 'runAsUser', 'runAsGroup'];

/** IsValidUserID / IsValidGroupID. */
function idErrors(value: unknown, path: ApiPath): FieldErrors {
  return typeof value === 'number' && (value < 0 || value > MAX_ID) ? [invalid(path, value, inclusiveRangeError(0, MAX_ID))] : [];
}

function validatePodSecurityContext(view: PodTemplateView): FieldErrors {
  const sc = podSecurityContext(view);
  const path = view.path.child('securityContext');
  const errors: FieldErrors = [];
  const written = obj(view.spec['securityContext']) !== undefined;
  for (let i = 0; i < POD_ID_FIELDS.length; i++) {
    const field = POD_ID_FIELDS[i] as string;
    if (sc[field] !== undefined) errors.push(...idErrors(sc[field], path.child(field)));
  }
  (list(sc['supplementalGroups']) ?? []).forEach((gid, i) =>
    errors.push(...idErrors(gid, path.child('supplementalGroups').index(i))),
  );
  // ShareProcessNamespace and hostPID live on the PodSpec in v1 but in the internal securityContext.
  if (view.spec['shareProcessNamespace'] === true && view.spec['hostPID'] === true) {
    errors.push(
      invalid(
        view.path.child('shareProcessNamespace').printedAs(`${path.text}.shareProcessNamespace`),
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  }
  // The rest reads the securityContext's own fields: none without one (most pods).
  if (!written) return errors;
  errors.push(...validateSysctls(list(sc['sysctls']) ?? [], path.child('sysctls'), view));
  if (present(sc['fsGroupChangePolicy']) && !FS_GROUP_POLICIES.includes(text(sc['fsGroupChangePolicy']))) {
    errors.push(notSupported(path.child('fsGroupChangePolicy'), sc['fsGroupChangePolicy'], FS_GROUP_POLICIES));
  }
  errors.push(...validateSeccompProfile(obj(sc['seccompProfile']), path.child('seccompProfile')));
  errors.push(...validateWindowsOptions(obj(sc['windowsOptions']), path.child('windowsOptions')));
  errors.push(...validateAppArmorProfile(obj(sc['appArmorProfile']), path.child('appArmorProfile')));
  if (present(sc['supplementalGroupsPolicy']) && !GROUPS_POLICIES.includes(text(sc['supplementalGroupsPolicy']))) {
    errors.push(notSupported(path.child('supplementalGroupsPolicy'), sc['supplementalGroupsPolicy'], GROUPS_POLICIES));
  }
  const seLinux = sc['seLinuxChangePolicy'];
  if (present(seLinux)) {
    // Without SELinuxMount (off in 1.35) only Recursive is allowed on create.
    const allowed = view.gates.enabled('SELinuxMount') ? ['MountOption', 'Recursive'] : ['Recursive'];
    if (!allowed.includes(text(seLinux))) errors.push(notSupported(path.child('seLinuxChangePolicy'), seLinux, allowed));
  }
  return errors;
}

/** sysctl.NormalizeName: a name written with slashes (`net/ipv4/ip_forward`) means dots. */
function normalizeSysctl(name: string): string {
  const first = name.search(/[./]/);
  if (first < 0 || name[first] !== '/') return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

/** validateSysctls and ValidateHostSysctl. */
function validateSysctls(sysctls: readonly unknown[], path: ApiPath, view: PodTemplateView): FieldErrors {
  if (sysctls.length === 0) return [];
  const errors: FieldErrors = [];
  const names = new Set<string>();
  sysctls.forEach((item, i) => {
    const name = text(obj(item)?.['name']);
    const at = path.index(i).child('name');
    if (name === '') errors.push(required(at));
    else if (name.length > 253 || !SYSCTL.test(name)) {
      errors.push(invalid(at, name, `must have at most 253 characters and match regex ${SYSCTL.source}`));
    } else if (names.has(name)) errors.push({ type: 'Duplicate', path: at, value: name });
    const normalized = normalizeSysctl(name).split('*')[0]!;
    if (view.spec['hostNetwork'] === true && normalized.startsWith('net.')) {
      errors.push(invalid(at, name, "may not be specified when 'hostNetwork' is true"));
    } else if (view.spec['hostIPC'] === true && (IPC_SYSCTLS.has(normalized) || normalized.startsWith('fs.mqueue.'))) {
      errors.push(invalid(at, name, "may not be specified when 'hostIPC' is true"));
    }
    names.add(name);
  });
  return errors;
}

/** validateSeccompProfileField. */
function validateSeccompProfile(profile: Record<string, unknown> | undefined, path: ApiPath): FieldErrors {
  if (!profile) return [];
  const errors: FieldErrors = [];
  const type = text(profile['type']);
  if (type === '') errors.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!PROFILE_TYPES.includes(type)) errors.push(notSupported(path.child('type'), type, PROFILE_TYPES));
  const local = profile['localhostProfile'];
  if (type === 'Localhost') {
    if (!present(local)) errors.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errors.push(...validateLocalDescendingPath(text(local), path.child('localhostProfile')));
  } else if (present(local)) {
    errors.push(invalid(path.child('localhostProfile'), profile, 'can only be set when seccomp type is Localhost'));
  }
  return errors;
}

/** ValidateAppArmorProfileField. */
function validateAppArmorProfile(profile: Record<string, unknown> | undefined, path: ApiPath): FieldErrors {
  if (!profile) return [];
  const type = text(profile['type']);
  const local = profile['localhostProfile'];
  const at = path.child('localhostProfile');
  if (type === 'Localhost') {
    const value = text(local);
    if (!present(local) || (value.trim() === '' && value === value.trim())) {
      return [required(at, 'must be set when AppArmor type is Localhost')];
    }
    const errors: FieldErrors = value !== value.trim() ? [invalid(at, value, 'must not be padded with whitespace')] : [];
    if (value.length > 4095) errors.push({ type: 'TooLong', path: at, max: 4095 });
    return errors;
  }
  if (type === 'RuntimeDefault' || type === 'Unconfined') {
    return present(local) ? [invalid(at, local, 'can only be set when AppArmor type is Localhost')] : [];
  }
  if (type === '') return [required(path.child('type'), 'type is required when appArmorProfile is set')];
  return [notSupported(path.child('type'), type, APPARMOR_TYPES)];
}

/** ValidateSecurityContext of one container. */
function validateContainerSecurityContext(sc: Record<string, unknown>, path: ApiPath, hostUsers: boolean): FieldErrors {
  const errors = [...idErrors(sc['runAsUser'], path.child('runAsUser')), ...idErrors(sc['runAsGroup'], path.child('runAsGroup'))];
  const procMount = sc['procMount'];
  if (present(procMount)) {
    if (!PROC_MOUNTS.includes(text(procMount))) errors.push(notSupported(path.child('procMount'), procMount, PROC_MOUNTS));
    if (hostUsers && procMount === 'Unmasked') {
      errors.push(invalid(path.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
    }
  }
  errors.push(...validateSeccompProfile(obj(sc['seccompProfile']), path.child('seccompProfile')));
  if (sc['allowPrivilegeEscalation'] === false) {
    if (sc['privileged'] === true) {
      errors.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    }
    for (const cap of list(obj(sc['capabilities'])?.['add']) ?? []) {
      if (cap === 'CAP_SYS_ADMIN') {
        errors.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
      }
    }
  }
  errors.push(...validateWindowsOptions(obj(sc['windowsOptions']), path.child('windowsOptions')));
  errors.push(...validateAppArmorProfile(obj(sc['appArmorProfile']), path.child('appArmorProfile')));
  return errors;
}

/**
 * validateHostUsers: a pod in a user namespace shares no host namespace and, from 1.34, has no
 * block devices (the wording names `hostUsers` from 1.34, `pod.Spec.HostUsers` before).
 */
function validateHostUsers(view: PodTemplateView): FieldErrors {
  if (podUsesHostUsers(view)) return [];
  const errors: FieldErrors = [];
  const since134 = atLeast(view.gates.version, '1.34');
  const when = since134 ? 'when `hostUsers` is false' : 'when `pod.Spec.HostUsers` is false';
  if (view.spec['hostNetwork'] === true && !view.gates.enabled('UserNamespacesHostNetworkSupport')) {
    errors.push(forbidden(view.path.child('hostNetwork'), when));
  }
  // Kubernetes spells these two paths with capitals.
  if (view.spec['hostPID'] === true) {
    errors.push(forbidden(view.path.child('hostPID').printedAs(`${view.path.text}.HostPID`), when));
  }
  if (view.spec['hostIPC'] === true) {
    errors.push(forbidden(view.path.child('hostIPC').printedAs(`${view.path.text}.HostIPC`), when));
  }
  for (const { container, path } of since134 ? containersOf(view) : []) {
    if ((list(container['volumeDevices'])?.length ?? 0) > 0) errors.push(forbidden(path.child('volumeDevices'), when));
  }
  return errors;
}
