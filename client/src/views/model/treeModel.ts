import type { ClusterIndex } from './clusterIndex';
import { nodeId } from './clusterIndex';
import { badgeFor } from './cronJobHealthView';
import type { CronJob, Job, Pod } from './k8s';
import { nameOf } from './k8s';
import { cronJobRow, jobRow, podRow } from './treeRows';
import type { TreeIcon, TreeOptions, TreeRow } from './treeRows';

const byName = (a: { metadata?: { name?: string } }, b: { metadata?: { name?: string } }): number =>
  nameOf(a).localeCompare(nameOf(b));
/** newestFirst sorts by creationTimestamp, newest first; RFC 3339 UTC times compare as strings, which spares a Date.parse per comparison. */
const newestFirst = (a: Job | Pod, b: Job | Pod): number => {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  return ta < tb ? 1 : ta > tb ? -1 : byName(a, b);
};

function matches(options: TreeOptions, name: string): boolean {
  return !options.filter || name.toLowerCase().includes(options.filter.toLowerCase());
}

/** count says `1 CronJob`, `2 Jobs`. */
const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function namespaceRow(index: ClusterIndex, ns: string): TreeRow {
  const cronJobs = index.cronJobs.byNs.get(ns)?.size ?? 0;
  const jobs = index.jobs.byNs.get(ns)?.size ?? 0;
  const problems = index.problemsIn(ns);
  return {
    id: nodeId.namespace(ns),
    kind: 'namespace',
    label: ns,
    description: [
      count(cronJobs, 'CronJob'),
      count(jobs, 'Job'),
      ...(problems.length > 0 ? [count(problems.length, 'problem')] : []),
    ].join(' · '),
    icon: 'namespace',
    collapsible: true,
    contextValue: 'namespace;',
  };
}

/** problemRow is the clear node for a watch that fails: `forbidden: cannot list jobs in ns x`. */
function problemRow(ns: string, p: { resource: string; message: string; forbidden: boolean }): TreeRow {
  const where = ns === '' ? 'at cluster scope' : `in ns ${ns}`;
  return {
    id: nodeId.problem(ns, p.resource),
    kind: 'problem',
    label: p.forbidden ? `forbidden: cannot list ${p.resource} ${where}` : `cannot watch ${p.resource} ${where}`,
    description: p.forbidden ? 'RBAC · Select Namespaces…' : 'retrying',
    tooltip: p.message,
    icon: p.forbidden ? 'forbidden' : 'error',
    collapsible: false,
    contextValue: 'problem;',
  };
}

function limitJobs(parentId: string, rows: TreeRow[], options: TreeOptions): TreeRow[] {
  const max = options.maxJobs ?? 100;
  if (rows.length <= max) return rows;
  return [
    ...rows.slice(0, max),
    {
      id: `${parentId}/more`,
      kind: 'more',
      label: `… ${rows.length - max} more`,
      tooltip: 'Raise kubeJobs.tree.maxJobsPerCronJob, or filter the view, to see them.',
      icon: 'more',
      collapsible: false,
      contextValue: 'more;',
    },
  ];
}

/** jobVisible applies the filter: a Job shows when its name, or its CronJob's name, matches. */
function cronJobVisible(index: ClusterIndex, cj: CronJob, options: TreeOptions): boolean {
  if (matches(options, nameOf(cj))) return true;
  return index.jobsOf(cj.metadata?.namespace ?? '', nameOf(cj)).some((j) => matches(options, nameOf(j)));
}

/**
 * childrenOf lists the rows under a node id; '' is the context level (namespaces, plus
 * cluster-scope problems). Rows are computed on demand from the index, so an event only costs
 * the rows the tree asks to redraw.
 */
export function childrenOf(index: ClusterIndex, id: string, options: TreeOptions): TreeRow[] {
  if (id === '') {
    return [...index.problemsIn('').map((p) => problemRow('', p)), ...index.namespaces().map((ns) => namespaceRow(index, ns))];
  }
  const [kind, ns = '', name = ''] = splitId(id);
  if (kind === 'ns') {
    const cronJobs = [...index.cronJobs.in(ns)]
      .filter((cj) => cronJobVisible(index, cj, options))
      .sort(byName)
      .map((cj) => cronJobRow(cj, options, badgeFor(index, cj, options.nowMs)));
    const standalone =
      options.showStandaloneJobs === false
        ? []
        : index
            .standaloneJobs(ns)
            .filter((j) => matches(options, nameOf(j)))
            .sort(newestFirst)
            .map((j) => jobRow(j, options, index.podsOf(ns, nameOf(j))));
    return [...index.problemsIn(ns).map((p) => problemRow(ns, p)), ...cronJobs, ...limitJobs(id, standalone, options)];
  }
  if (kind === 'cj') {
    const cj = index.cronJobs.get(ns, name);
    const all = index.jobsOf(ns, name);
    const shown = cj && matches(options, name) ? all : all.filter((j) => matches(options, nameOf(j)));
    return limitJobs(
      id,
      shown.sort(newestFirst).map((j) => jobRow(j, options, index.podsOf(ns, nameOf(j)))),
      options,
    );
  }
  if (kind === 'job') {
    return index.podsOf(ns, name).sort(newestFirst).map(podRow);
  }
  return [];
}

/** rowOf recomputes one row by id (undefined when its object is gone). */
export function rowOf(index: ClusterIndex, id: string, options: TreeOptions): TreeRow | undefined {
  const [kind, ns = '', name = ''] = splitId(id);
  switch (kind) {
    case 'ns':
      return namespaceRow(index, ns);
    case 'cj': {
      const cj = index.cronJobs.get(ns, name);
      return cj ? cronJobRow(cj, options, badgeFor(index, cj, options.nowMs)) : undefined;
    }
    case 'job': {
      const job = index.jobs.get(ns, name);
      return job ? jobRow(job, options, index.podsOf(ns, name)) : undefined;
    }
    case 'pod': {
      const pod = index.pods.get(ns, name);
      return pod ? podRow(pod) : undefined;
    }
    default:
      return undefined;
  }
}

function splitId(id: string): string[] {
  const [kind, ...rest] = id.split('/');
  if (kind === 'ns') return [kind, rest.join('/')];
  return [kind ?? '', rest[0] ?? '', rest.slice(1).join('/')];
}

/** A row with its children, for snapshots (tests, `kubeJobs._getTreeSnapshot`). */
export interface SnapshotNode {
  readonly label: string;
  readonly description?: string;
  readonly icon: TreeIcon;
  readonly children?: SnapshotNode[];
}

/** snapshot expands the whole tree below a context into plain data. */
export function snapshot(index: ClusterIndex, options: TreeOptions, id = ''): SnapshotNode[] {
  return childrenOf(index, id, options).map((row) => ({
    label: row.label,
    ...(row.description !== undefined ? { description: row.description } : {}),
    icon: row.icon,
    ...(row.collapsible ? { children: snapshot(index, options, row.id) } : {}),
  }));
}
