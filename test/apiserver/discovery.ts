/**
 * Discovery documents (`/version`, `/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`) in
 * the unaggregated format. kubectl asks for aggregated discovery
 * (`application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`) first and falls back
 * to these when the server answers plain `application/json`, as older servers do.
 */
import type { ResourceInfo } from './resources';
import { RESOURCES } from './resources';

/** The Kubernetes version this server claims to be by default (kubectl warns on skew beyond one minor). */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/**
 * serverVersion is the `/version` document claiming `gitVersion` (`v1.33.13`): major and minor
 * read from it, as a real server's are, the build facts of the default kept.
 */
export function serverVersion(gitVersion: string = SERVER_VERSION.gitVersion): typeof SERVER_VERSION {
  const match = /^v(\d+)\.(\d+)\./.exec(gitVersion);
  if (!match) throw new Error(`not a Kubernetes gitVersion: ${gitVersion}`);
  return { ...SERVER_VERSION, major: match[1]!, minor: match[2]!, gitVersion };
}

/** groupsOf lists the served (non-core) API groups with their versions. */
function groups(): Array<{ name: string; version: string }> {
  const seen = new Map<string, string>();
  for (const r of RESOURCES) {
    if (r.group !== '') {
      seen.set(r.group, r.version);
    }
  }
  return [...seen].map(([name, version]) => ({ name, version }));
}

/** apiVersions is the `/api` document. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupEntry(g: { name: string; version: string }): Record<string, unknown> {
  const gv = { groupVersion: `${g.name}/${g.version}`, version: g.version };
  return { name: g.name, versions: [gv], preferredVersion: gv };
}

/** apiGroupList is the `/apis` document. */
export function apiGroupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map(groupEntry) };
}

/** apiGroup is the `/apis/<group>` document, or undefined for an unknown group. */
export function apiGroup(name: string): Record<string, unknown> | undefined {
  const g = groups().find((x) => x.name === name);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g) } : undefined;
}

function resourceEntries(r: ResourceInfo): Array<Record<string, unknown>> {
  const main: Record<string, unknown> = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: [...r.verbs],
  };
  if (r.shortNames) {
    main.shortNames = [...r.shortNames];
  }
  if (r.categories) {
    main.categories = [...r.categories];
  }
  const subs = r.subresources.map((s) => ({
    name: `${r.plural}/${s}`,
    singularName: '',
    namespaced: r.namespaced,
    kind: s === 'log' ? 'Pod' : r.kind,
    verbs: s === 'log' ? ['get'] : ['get', 'patch', 'update'],
  }));
  return [main, ...subs];
}

/** apiResourceList is the `/api/v1` or `/apis/<group>/<version>` document. */
export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) {
    return undefined;
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: rs.flatMap(resourceEntries),
  };
}
