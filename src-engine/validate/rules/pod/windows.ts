import { atLeast } from '../../../schema/kubernetesVersion';
import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { forbidden, invalid, notSupported, required } from '../../fieldErrorList';
import { isDns1123Subdomain } from '../../nameRules';
import { containersOf, podSecurityContext, present, text } from './podTemplates';
import type { PodTemplateView } from './podTemplates';

/**
 * The pod's operating system: validateOS, validateLinux, validateWindows,
 * validateWindowsSecurityContextOptions and validateWindowsHostProcessPod
 * (pkg/apis/core/validation/validation.go).
 */

const MAX_GMSA_SPEC_BYTES = 64 * 1024;
const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** validateWindowsSecurityContextOptions. */
export function validateWindowsOptions(options: Record<string, unknown> | undefined, path: ApiPath): FieldErrors {
  if (!options) return [];
  const errors: FieldErrors = [];
  if (present(options['gmsaCredentialSpecName'])) {
    const name = text(options['gmsaCredentialSpecName']);
    for (const d of isDns1123Subdomain(name)) errors.push(invalid(path.child('gmsaCredentialSpecName'), name, d));
  }
  if (present(options['gmsaCredentialSpec'])) {
    const spec = text(options['gmsaCredentialSpec']);
    if (spec === '') errors.push(invalid(path.child('gmsaCredentialSpec'), spec, 'gmsaCredentialSpec cannot be an empty string'));
    else if (spec.length > MAX_GMSA_SPEC_BYTES) {
      errors.push(invalid(path.child('gmsaCredentialSpec'), spec, 'gmsaCredentialSpec size must be under 64 KiB'));
    }
  }
  if (present(options['runAsUserName'])) {
    errors.push(...runAsUserNameErrors(text(options['runAsUserName']), path.child('runAsUserName')));
  }
  return errors;
}

function runAsUserNameErrors(name: string, path: ApiPath): FieldErrors {
  const bad = (detail: string): FieldErrors => [invalid(path, name, detail)];
  if (name === '') return bad('runAsUserName cannot be an empty string');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name)) return bad('runAsUserName cannot contain control characters');
  const parts = name.split('\\');
  if (parts.length > 2) return bad('runAsUserName cannot contain more than one backslash');
  const [domain, user] = parts.length === 1 ? ['', parts[0]!] : [parts[0]!, parts[1]!];
  const errors: FieldErrors = [];
  if (domain.length >= 256) errors.push(...bad("runAsUserName's Domain length must be under 256 characters"));
  if (parts.length === 2 && !NETBIOS_DOMAIN.test(domain) && !DNS_DOMAIN.test(domain)) {
    errors.push(...bad("runAsUserName's Domain doesn't match the NetBios nor the DNS format"));
  }
  if (user === '') errors.push(...bad("runAsUserName's User cannot be empty"));
  else if (user.length > 104) errors.push(...bad("runAsUserName's User length must not be longer than 104 characters"));
  if (/^[. ]+$/.test(user)) errors.push(...bad("runAsUserName's User cannot contain only periods or spaces"));
  if (/["/\\:;|=,+*?<>@[\]]/.test(user)) {
    errors.push(...bad('runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]'));
  }
  return errors;
}

/** validateWindowsHostProcessPod: all containers or none are HostProcess, with hostNetwork. */
export function validateWindowsHostProcessPod(view: PodTemplateView): FieldErrors {
  const podHostProcess = obj(podSecurityContext(view)['windowsOptions'])?.['hostProcess'];
  const errors: FieldErrors = [];
  let containers = 0;
  let hostProcess = 0;
  for (const { container, path } of containersOf(view)) {
    containers++;
    const own = obj(obj(container['securityContext'])?.['windowsOptions'])?.['hostProcess'];
    if (typeof podHostProcess === 'boolean' && typeof own === 'boolean' && own !== podHostProcess) {
      errors.push(
        invalid(
          path.child('securityContext', 'windowsOptions', 'hostProcess'),
          own,
          `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`,
        ),
      );
    }
    if (own === true || (own === undefined && podHostProcess === true)) hostProcess++;
  }
  if (hostProcess > 0) {
    if (hostProcess !== containers) {
      errors.push(
        invalid(view.path, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'),
      );
    }
    if (view.spec['hostNetwork'] !== true) {
      errors.push(
        invalid(view.path.child('hostNetwork'), false, 'hostNetwork must be true if pod contains any hostProcess containers'),
      );
    }
  }
  return errors;
}

const WINDOWS_POD_FIELDS = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'sysctls',
  'runAsUser',
  'runAsGroup',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'seLinuxChangePolicy',
];
const WINDOWS_CONTAINER_FIELDS = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

/** validateOS, then validateLinux or validateWindows for the named OS. */
export function validateOs(view: PodTemplateView): FieldErrors {
  const os = obj(view.spec['os']);
  if (!os) return [];
  const path = view.path.child('os');
  const name = text(os['name']);
  // Up to 1.33 the Required error carried the detail "cannot be empty".
  if (name === '') {
    return [atLeast(view.gates.version, '1.34') ? required(path.child('name')) : required(path.child('name'), 'cannot be empty')];
  }
  if (name !== 'linux' && name !== 'windows') return [notSupported(path, name, ['linux', 'windows'])];
  const sc = podSecurityContext(view);
  const scPath = view.path.child('securityContext');
  const errors: FieldErrors = [];
  const cannot = 'cannot be set for a windows pod';
  if (name === 'linux') {
    if (present(sc['windowsOptions'])) {
      errors.push(forbidden(scPath.child('windowsOptions'), 'windows options cannot be set for a linux pod'));
    }
    for (const { container, path: at } of containersOf(view)) {
      if (present(obj(container['securityContext'])?.['windowsOptions'])) {
        errors.push(forbidden(at.child('securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
      }
    }
    return errors;
  }
  for (const field of WINDOWS_POD_FIELDS) {
    const value = sc[field];
    if (present(value) && !(field === 'sysctls' && (list(value)?.length ?? 0) === 0)) {
      errors.push(forbidden(scPath.child(field), cannot));
    }
  }
  for (const field of ['hostUsers', 'shareProcessNamespace']) {
    if (present(view.spec[field])) errors.push(forbidden(view.path.child(field), cannot));
  }
  for (const field of ['hostPID', 'hostIPC']) {
    if (view.spec[field] === true) errors.push(forbidden(view.path.child(field), cannot));
  }
  for (const { container, path: at } of containersOf(view)) {
    const csc = obj(container['securityContext']) ?? {};
    for (const field of WINDOWS_CONTAINER_FIELDS) {
      if (present(csc[field])) errors.push(forbidden(at.child('securityContext', field), cannot));
    }
  }
  return errors;
}
