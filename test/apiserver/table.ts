/**
 * Server-side Table output (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), which
 * `kubectl get` prints. Columns and cells follow pkg/printers/internalversion/printers.go
 * (`printPod`, `printJob`, `printCronJob`, `printEvent`, `printNamespace`).
 */
import type { KObject } from './store';
import { humanDuration, parseTimeMs, translateTimestampSince } from './timefmt';

/** TableColumnDefinition mirrors metav1.TableColumnDefinition. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Cell = string | number;

function col(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

const NAME = col(
  'Name',
  'string',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  0,
  'name',
);
const AGE = col(
  'Age',
  'string',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);

const COLUMNS: Record<string, TableColumnDefinition[]> = {
  pods: [
    NAME,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE,
    col('IP', 'string', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
    col('Node', 'string', 'NodeName is a request to schedule this pod onto a specific node.', 1),
    col(
      'Nominated Node',
      'string',
      'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.',
      1,
    ),
    col('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
  ],
  jobs: [
    NAME,
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The desired number of successfully finished pods the job should be run with.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    AGE,
    col('Containers', 'string', 'Names of each container in the template.', 1),
    col('Images', 'string', 'Images referenced by each container in the template.', 1),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
  ],
  cronjobs: [
    NAME,
    col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col(
      'Timezone',
      'string',
      'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.',
    ),
    col(
      'Suspend',
      'boolean',
      'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.',
    ),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    AGE,
    col('Containers', 'string', 'Names of each container in the template.', 1),
    col('Images', 'string', 'Images referenced by each container in the template.', 1),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', 1),
  ],
  events: [
    col('Last Seen', 'string', 'The last time this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future.'),
    col(
      'Reason',
      'string',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', 'The subobject that this event is about.', 1),
    col('Source', 'string', 'The component reporting this event.', 1),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The first time this event was recorded.', 1),
    col('Count', 'string', 'The number of times this event has occurred.', 1),
    col('Name', 'string', 'The name of the event.', 1),
  ],
  namespaces: [NAME, col('Status', 'string', 'The status of the namespace'), AGE],
};

/** tableColumns returns the column definitions for a resource. */
export function tableColumns(resource: string): TableColumnDefinition[] {
  return COLUMNS[resource] ?? [NAME, AGE];
}

function hasCondition(obj: KObject, type: string): boolean {
  return ((obj.status?.conditions ?? []) as KObject[]).some((c) => c.type === type && c.status === 'True');
}

/** podStatusReason mirrors printPod's STATUS computation. */
export function podStatusReason(pod: KObject): {
  reason: string;
  ready: number;
  total: number;
  restarts: number;
  lastRestartMs?: number;
} {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const total = (spec.containers ?? []).length;
  let restarts = 0;
  let ready = 0;
  let lastRestartMs: number | undefined;
  let reason: string = status.reason || status.phase || '';
  const noteRestart = (cs: KObject): void => {
    restarts += cs.restartCount ?? 0;
    const t = parseTimeMs(cs.lastState?.terminated?.finishedAt);
    if (t !== undefined && (lastRestartMs === undefined || t > lastRestartMs)) {
      lastRestartMs = t;
    }
  };
  let initializing = false;
  const initStatuses = (status.initContainerStatuses ?? []) as KObject[];
  const initSpecs = (spec.initContainers ?? []) as KObject[];
  initStatuses.forEach((cs, i) => {
    noteRestart(cs);
    if (initializing) {
      return;
    }
    const isSidecar = initSpecs[i]?.restartPolicy === 'Always';
    const st = cs.state ?? {};
    if (st.terminated && st.terminated.exitCode === 0) {
      return;
    }
    if (isSidecar && st.running && cs.started) {
      return;
    }
    if (st.terminated) {
      reason = st.terminated.reason
        ? `Init:${st.terminated.reason}`
        : st.terminated.signal
          ? `Init:Signal:${st.terminated.signal}`
          : `Init:ExitCode:${st.terminated.exitCode}`;
    } else if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') {
      reason = `Init:${st.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
  });
  if (!initializing) {
    restarts = initStatuses.reduce((n, cs) => n + (cs.restartCount ?? 0), 0);
    let hasRunning = false;
    const statuses = [...((status.containerStatuses ?? []) as KObject[])].reverse();
    for (const cs of statuses) {
      noteRestart(cs);
      const st = cs.state ?? {};
      if (st.waiting?.reason) {
        reason = st.waiting.reason;
      } else if (st.terminated?.reason) {
        reason = st.terminated.reason;
      } else if (st.terminated) {
        reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode}`;
      } else if (cs.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp) {
    reason = 'Terminating';
  }
  return { reason, ready, total, restarts, lastRestartMs };
}

function podRow(pod: KObject, now: number): Cell[] {
  const s = podStatusReason(pod);
  const restarts =
    s.restarts > 0 && s.lastRestartMs !== undefined
      ? `${s.restarts} (${humanDuration(now - s.lastRestartMs)} ago)`
      : String(s.restarts);
  const gates = (pod.spec?.readinessGates ?? []) as KObject[];
  const gateText =
    gates.length === 0 ? '<none>' : `${gates.filter((g) => hasCondition(pod, g.conditionType)).length}/${gates.length}`;
  return [
    pod.metadata.name,
    `${s.ready}/${s.total}`,
    s.reason,
    restarts,
    translateTimestampSince(pod.metadata.creationTimestamp, now),
    pod.status?.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    gateText,
  ];
}

function selectorText(sel: KObject | undefined): string {
  if (!sel) {
    return '<none>';
  }
  const parts = Object.entries((sel.matchLabels ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  for (const e of (sel.matchExpressions ?? []) as KObject[]) {
    const op = String(e.operator);
    if (op === 'Exists') {
      parts.push(e.key);
    } else if (op === 'DoesNotExist') {
      parts.push(`!${e.key}`);
    } else {
      parts.push(`${e.key} ${op.toLowerCase()} (${(e.values ?? []).join(',')})`);
    }
  }
  return parts.length === 0 ? '<none>' : parts.join(',');
}

function containerCells(podSpec: KObject | undefined): [string, string] {
  const cs = (podSpec?.containers ?? []) as KObject[];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

/** jobStatusText mirrors printJob's STATUS column. */
export function jobStatusText(job: KObject): string {
  if (hasCondition(job, 'Complete')) {
    return 'Complete';
  } else if (hasCondition(job, 'Failed')) {
    return 'Failed';
  } else if (job.metadata?.deletionTimestamp) {
    return 'Terminating';
  } else if (hasCondition(job, 'Suspended')) {
    return 'Suspended';
  } else if (hasCondition(job, 'FailureTarget')) {
    return 'FailureTarget';
  } else if (hasCondition(job, 'SuccessCriteriaMet')) {
    return 'SuccessCriteriaMet';
  }
  return 'Running';
}

function jobRow(job: KObject, now: number): Cell[] {
  const spec = job.spec ?? {};
  const succeeded = job.status?.succeeded ?? 0;
  let completions: string;
  if (spec.completions !== undefined && spec.completions !== null) {
    completions = `${succeeded}/${spec.completions}`;
  } else {
    const parallelism = spec.parallelism ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  const start = parseTimeMs(job.status?.startTime);
  const end = parseTimeMs(job.status?.completionTime);
  const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
  const [names, images] = containerCells(spec.template?.spec);
  return [
    job.metadata.name,
    jobStatusText(job),
    completions,
    duration,
    translateTimestampSince(job.metadata.creationTimestamp, now),
    names,
    images,
    selectorText(spec.selector),
  ];
}

function cronJobRow(cj: KObject, now: number): Cell[] {
  const spec = cj.spec ?? {};
  const suspend = spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False';
  const last = cj.status?.lastScheduleTime ? translateTimestampSince(cj.status.lastScheduleTime, now) : '<none>';
  const [names, images] = containerCells(spec.jobTemplate?.spec?.template?.spec);
  return [
    cj.metadata.name,
    spec.schedule ?? '',
    spec.timeZone ?? '<none>',
    suspend,
    (cj.status?.active ?? []).length,
    last,
    translateTimestampSince(cj.metadata.creationTimestamp, now),
    names,
    images,
    selectorText(spec.jobTemplate?.spec?.selector),
  ];
}

function eventRow(ev: KObject, now: number): Cell[] {
  let first = translateTimestampSince(ev.firstTimestamp, now);
  if (!ev.firstTimestamp) {
    first = translateTimestampSince(ev.eventTime, now);
  }
  let last = ev.lastTimestamp ? translateTimestampSince(ev.lastTimestamp, now) : first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = translateTimestampSince(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const io = ev.involvedObject ?? {};
  const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase();
  const src = ev.source ?? {};
  const source = src.component
    ? src.host
      ? `${src.component}, ${src.host}`
      : src.component
    : ev.reportingComponent
      ? ev.reportingInstance
        ? `${ev.reportingComponent}, ${ev.reportingInstance}`
        : ev.reportingComponent
      : '';
  return [
    last,
    ev.type ?? '',
    ev.reason ?? '',
    target,
    io.fieldPath ?? '',
    source,
    String(ev.message ?? '').trim(),
    first,
    count,
    ev.metadata.name,
  ];
}

/** tableRow returns one object's cells for its resource. */
export function tableRow(resource: string, obj: KObject, now: number): Cell[] {
  switch (resource) {
    case 'pods':
      return podRow(obj, now);
    case 'jobs':
      return jobRow(obj, now);
    case 'cronjobs':
      return cronJobRow(obj, now);
    case 'events':
      return eventRow(obj, now);
    case 'namespaces':
      return [obj.metadata.name, obj.status?.phase ?? '', translateTimestampSince(obj.metadata.creationTimestamp, now)];
    default:
      return [obj.metadata.name, translateTimestampSince(obj.metadata.creationTimestamp, now)];
  }
}

/** IncludeObject mirrors metav1.IncludeObjectPolicy. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** partialObjectMetadata mirrors what includeObject=Metadata embeds. */
function partialObjectMetadata(obj: KObject): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** toTable builds a meta.k8s.io/v1 Table for a list of objects. */
export function toTable(
  resource: string,
  objs: readonly KObject[],
  now: number,
  include: IncludeObject,
  listMeta: KObject,
  noHeaders = false,
): KObject {
  const rows = objs.map((o) => {
    const row: KObject = { cells: tableRow(resource, o, now) };
    if (include === 'Object') {
      row.object = o;
    } else if (include === 'Metadata') {
      row.object = partialObjectMetadata(o);
    }
    return row;
  });
  const t: KObject = {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: noHeaders ? null : tableColumns(resource),
    rows,
  };
  return t;
}
