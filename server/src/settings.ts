import { DEFAULT_KUBE_JOBS_SETTINGS, isKubernetesVersion, judgedVersion } from '../../src-engine';
import type {
  ConnectedCluster,
  JudgedVersion,
  KubeJobsInitializationOptions,
  KubeJobsSettings,
  RuleSetting,
} from '../../src-engine';

export { judgedVersion };

/** Settings as providers see them: the user's `kubeJobs` section plus facts about the client. */
export interface Settings extends KubeJobsSettings {
  /** The user's IANA zone for "local" times in hovers. */
  readonly localTimeZone: string;
  /** The version that judges manifests, resolved from kubernetesVersion and connectedCluster. */
  readonly judged: JudgedVersion;
}

const RULE_SETTINGS: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint', 'off']);
const TRACE_VALUES: ReadonlySet<string> = new Set(['off', 'messages', 'verbose']);

/** defaultSettings are used until the client says otherwise. */
export function defaultSettings(localTimeZone = systemTimeZone()): Settings {
  return { ...DEFAULT_KUBE_JOBS_SETTINGS, localTimeZone, judged: judgedVersion('auto', null) };
}

/**
 * mergeSettings lays a client-sent (untrusted, possibly partial) `kubeJobs` section over
 * `base`. Unknown keys and values of the wrong type are ignored, so a bad settings.json
 * never breaks the server.
 */
export function mergeSettings(base: Settings, raw: unknown): Settings {
  if (!isRecord(raw)) return base;
  const rules: Record<string, RuleSetting> = { ...base.rules };
  if (isRecord(raw['rules'])) {
    for (const [id, value] of Object.entries(raw['rules'])) {
      if (typeof value === 'string' && RULE_SETTINGS.has(value)) rules[id] = value as RuleSetting;
    }
  }
  const inlay = isRecord(raw['inlayHints']) ? raw['inlayHints'] : {};
  const lens = isRecord(raw['codeLens']) ? raw['codeLens'] : {};
  const trace = isRecord(raw['trace']) ? raw['trace'] : {};
  const versionSetting = raw['kubernetesVersion'];
  const kubernetesVersion =
    typeof versionSetting === 'string' && (versionSetting === 'auto' || isKubernetesVersion(versionSetting))
      ? versionSetting
      : base.kubernetesVersion;
  const connectedCluster = 'connectedCluster' in raw ? clusterOf(raw['connectedCluster']) : base.connectedCluster;
  const fixAll = isRecord(raw['fixAll']) ? raw['fixAll'] : {};
  return {
    rules,
    inlayHints: { schedule: typeof inlay['schedule'] === 'boolean' ? inlay['schedule'] : base.inlayHints.schedule },
    codeLens: { enabled: typeof lens['enabled'] === 'boolean' ? lens['enabled'] : base.codeLens.enabled },
    fixAll: { includeAdvice: typeof fixAll['includeAdvice'] === 'boolean' ? fixAll['includeAdvice'] : base.fixAll.includeAdvice },
    redHatYamlInstalled: typeof raw['redHatYamlInstalled'] === 'boolean' ? raw['redHatYamlInstalled'] : base.redHatYamlInstalled,
    trace: {
      server:
        typeof trace['server'] === 'string' && TRACE_VALUES.has(trace['server'])
          ? (trace['server'] as KubeJobsSettings['trace']['server'])
          : base.trace.server,
    },
    localTimeZone:
      typeof raw['localTimeZone'] === 'string' && isKnownZone(raw['localTimeZone']) ? raw['localTimeZone'] : base.localTimeZone,
    kubernetesVersion,
    connectedCluster,
    judged: judgedVersion(kubernetesVersion, connectedCluster),
  };
}

/** A client-sent connectedCluster: both strings, or null (anything else counts as not connected). */
function clusterOf(raw: unknown): ConnectedCluster | null {
  if (!isRecord(raw) || typeof raw['context'] !== 'string' || typeof raw['gitVersion'] !== 'string') return null;
  return { context: raw['context'], gitVersion: raw['gitVersion'] };
}

/** settingsFromInitialization reads `initializationOptions` (see KubeJobsInitializationOptions). */
export function settingsFromInitialization(options: unknown): Settings {
  let settings = defaultSettings();
  if (!isRecord(options)) return settings;
  const init = options as KubeJobsInitializationOptions;
  settings = mergeSettings(settings, init.settings);
  if (typeof init.redHatYamlInstalled === 'boolean') settings = { ...settings, redHatYamlInstalled: init.redHatYamlInstalled };
  if (typeof init.localTimeZone === 'string' && isKnownZone(init.localTimeZone)) {
    settings = { ...settings, localTimeZone: init.localTimeZone };
  }
  return settings;
}

/** A key that changes whenever the findings would: the rules and the version that judges. */
export function rulesKey(settings: Settings): string {
  let key = rulesKeys.get(settings);
  if (key === undefined) {
    const ids = Object.keys(settings.rules).sort();
    key = `${settings.judged.version}|${ids.map((id) => `${id}=${settings.rules[id] ?? ''}`).join(',')}`;
    rulesKeys.set(settings, key);
  }
  return key;
}

/** Each settings object's key, made once: every document of a file asks for it (settings are replaced, never changed). */
const rulesKeys = new WeakMap<Settings, string>();

function systemTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
