import { enumValues } from '../../../schema/query';
import type { ApiPath } from '../../apiPath';
import { list, obj } from '../../context';
import type { FieldErrors } from '../../fieldErrorList';
import { forbidden, invalid, notSupported, required } from '../../fieldErrorList';
import { isHttpHeaderName, isValidPortName, isValidPortNum } from '../../nameRules';
import { containersOf, num, podOs, podTemplateRule, present, text } from './podTemplates';
import type { ContainerKind, ContainerView, PodTemplateView } from './podTemplates';

const RULE = 'probes';
const SCHEMES = [...enumValues('HTTPGetAction', 'scheme')].sort();
const STOP_SIGNALS = [...enumValues('Lifecycle', 'stopSignal')].sort();
const WINDOWS_STOP_SIGNALS = ['SIGKILL', 'SIGTERM'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const CONTAINERS_THEN_INIT: readonly ContainerKind[] = ['containers', 'initContainers'];

/** Probe fields defaulted when zero (SetDefaults_Probe). */
const PROBE_DEFAULTS: Readonly<Record<string, number>> = {
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};
const DEFAULT_GRACE_PERIOD = 30;

/**
 * Probes and lifecycle hooks of containers and sidecars (init containers with restartPolicy
 * Always): validateLivenessProbe, validateReadinessProbe, validateStartupProbe, validateProbe,
 * validateHandler and the actions, validateSleepAction, validateLifecycle and validateStopSignal
 * (pkg/apis/core/validation/validation.go), after SetDefaults_Probe and SetDefaults_HTTPGetAction.
 * What other init containers may not have is the containers rule's.
 */
export const probesRule = podTemplateRule(
  {
    id: RULE,
    title: 'Probes and lifecycle hooks',
    description:
      'A probe or lifecycle hook has exactly one handler (exec with a command, httpGet, tcpSocket or grpc with a valid port, ' +
      'or sleep within the grace period); probe numbers are not negative; liveness and startup probes need ' +
      'successThreshold 1; readiness probes have no terminationGracePeriodSeconds.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes',
  },
  (view) => {
    const grace = present(view.spec['terminationGracePeriodSeconds'])
      ? num(view.spec['terminationGracePeriodSeconds'])
      : DEFAULT_GRACE_PERIOD;
    const errors: FieldErrors = [];
    // Indexed loops: this runs for every container of every document, mostly before it is optimised.
    const containers = containersOf(view, CONTAINERS_THEN_INIT);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i] as ContainerView;
      if (c.kind === 'initContainers' && c.container['restartPolicy'] !== 'Always') continue;
      const lifecycle = obj(c.container['lifecycle']);
      if (lifecycle) errors.push(...validateLifecycle(lifecycle, c.path.child('lifecycle'), grace, view));
      for (let k = 0; k < PROBES.length; k++) {
        const kind = PROBES[k] as (typeof PROBES)[number];
        const probe = obj(c.container[kind]);
        if (probe) errors.push(...validateProbe(kind, probe, c.path.child(kind), grace));
      }
    }
    return errors;
  },
);

function validateProbe(
  kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe',
  probe: Record<string, unknown>,
  path: ApiPath,
  grace: number,
): FieldErrors {
  const errors = validateHandler(probe, path, grace, false);
  const value = (field: string): number => num(probe[field]) || PROBE_DEFAULTS[field] || 0;
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (value(field) < 0) errors.push(invalid(path.child(field), value(field), 'must be greater than or equal to 0'));
  }
  const probeGrace = probe['terminationGracePeriodSeconds'];
  if (present(probeGrace) && num(probeGrace) <= 0) {
    errors.push(invalid(path.child('terminationGracePeriodSeconds'), num(probeGrace), 'must be greater than 0'));
  }
  if (kind !== 'readinessProbe' && value('successThreshold') !== 1) {
    errors.push(invalid(path.child('successThreshold'), value('successThreshold'), 'must be 1'));
  }
  if (kind === 'readinessProbe' && present(probeGrace)) {
    errors.push(invalid(path.child('terminationGracePeriodSeconds'), probeGrace, 'must not be set for readinessProbes'));
  }
  return errors;
}

/**
 * validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (hooks). A
 * hook's sleep may be 0 only with PodLifecycleSleepActionAllowZero (off in 1.32).
 */
function validateHandler(
  handler: Record<string, unknown>,
  path: ApiPath,
  grace: number,
  lifecycle: boolean,
  allowZeroSleep = true,
): FieldErrors {
  const errors: FieldErrors = [];
  let count = 0;
  const kinds = lifecycle ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket', 'grpc'];
  for (const kind of kinds) {
    const action = obj(handler[kind]);
    if (!action) continue;
    if (count > 0) {
      errors.push(forbidden(path.child(kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const at = path.child(kind);
    if (kind === 'exec' && (list(action['command'])?.length ?? 0) === 0) errors.push(required(at.child('command')));
    if (kind === 'httpGet') errors.push(...validateHttpGet(action, at));
    if (kind === 'tcpSocket' || kind === 'grpc') errors.push(...validatePort(action['port'], at.child('port')));
    if (kind === 'sleep') errors.push(...validateSleepAction(num(action['seconds']), at, grace, allowZeroSleep));
  }
  if (count === 0) errors.push(required(path, 'must specify a handler type'));
  return errors;
}

/** validateSleepAction. */
function validateSleepAction(seconds: number, at: ApiPath, grace: number, allowZero: boolean): FieldErrors {
  if (allowZero) {
    return seconds < 0 || seconds > grace
      ? [invalid(at, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${grace})`)]
      : [];
  }
  return seconds <= 0 || seconds > grace
    ? [
        invalid(
          at,
          seconds,
          `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). ` +
            'Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.',
        ),
      ]
    : [];
}

function validateHttpGet(action: Record<string, unknown>, path: ApiPath): FieldErrors {
  const errors = validatePort(action['port'], path.child('port'));
  const scheme = text(action['scheme']) || 'HTTP';
  if (!SCHEMES.includes(scheme)) errors.push(notSupported(path.child('scheme'), scheme, SCHEMES));
  for (const header of list(action['httpHeaders']) ?? []) {
    const name = text(obj(header)?.['name']);
    for (const d of isHttpHeaderName(name)) errors.push(invalid(path.child('httpHeaders'), name, d));
  }
  return errors;
}

/** ValidatePortNumOrName: a number is a port, a string a port name. */
function validatePort(port: unknown, path: ApiPath): FieldErrors {
  if (typeof port === 'string') return isValidPortName(port).map((d) => invalid(path, port, d));
  const value = num(port);
  return isValidPortNum(value).map((d) => invalid(path, value, d));
}

/** validateLifecycle, with validateStopSignal when the field survived DropDisabledTemplateFields (gate ContainerStopSignals). */
function validateLifecycle(lifecycle: Record<string, unknown>, path: ApiPath, grace: number, view: PodTemplateView): FieldErrors {
  const errors: FieldErrors = [];
  for (const hook of ['postStart', 'preStop']) {
    const handler = obj(lifecycle[hook]);
    if (handler) {
      const allowZero = view.gates.enabled('PodLifecycleSleepActionAllowZero');
      errors.push(...validateHandler(handler, path.child(hook), grace, true, allowZero));
    }
  }
  const signal = lifecycle['stopSignal'];
  if (present(signal)) {
    const os = podOs(view);
    const at = path.child('stopSignal');
    if (os === undefined) errors.push(forbidden(at, 'may not be set for containers with empty `spec.os.name`'));
    else if (os === 'windows' && !WINDOWS_STOP_SIGNALS.includes(String(signal))) {
      errors.push(notSupported(at, signal, WINDOWS_STOP_SIGNALS));
    } else if (os === 'linux' && !STOP_SIGNALS.includes(String(signal))) errors.push(notSupported(at, signal, STOP_SIGNALS));
  }
  return errors;
}
