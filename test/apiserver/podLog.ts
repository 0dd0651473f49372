/**
 * The `pods/log` subresource: what the API server proxies from the kubelet
 * (pkg/registry/core/pod/rest/log.go, pkg/kubelet/kuberuntime/logs). Errors use the messages
 * the kubelet and registry give for a missing or ambiguous container, a container that has not
 * started, and a missing previous instance.
 */
import type * as http from 'node:http';
import type { Faults } from './faults';
import type { LogLine, LogStore } from './logs';
import { renderLine, selectLines } from './logs';
import { badRequest } from './status';
import type { KObject, Store } from './store';
import { parseTimeNanos } from './timefmt';
import { StreamEnd } from './stream';

/** Waiting reasons for which the kubelet has no log to serve yet. */
const NOT_STARTED_MESSAGES: Record<string, string> = {
  ContainerCreating: 'ContainerCreating',
  PodInitializing: 'PodInitializing',
  ImagePullBackOff: 'trying and failing to pull image',
  ErrImagePull: 'trying and failing to pull image',
  CreateContainerConfigError: 'CreateContainerConfigError',
  InvalidImageName: 'InvalidImageName',
};

export interface PodLogRequest {
  store: Store;
  logs: LogStore;
  faults: Faults;
  namespace: string;
  pod: string;
  query: URLSearchParams;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  path: string;
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') {
    return undefined;
  }
  const n = Number(v);
  if (!Number.isInteger(n)) {
    throw badRequest(`invalid ${name}: ${v}`);
  }
  return n;
}

/** resolveContainer mirrors validateContainer in pkg/registry/core/pod/strategy.go. */
function resolveContainer(pod: KObject, requested: string | null): string {
  const names = ((pod.spec?.containers ?? []) as KObject[]).map((c) => c.name as string);
  const initNames = ((pod.spec?.initContainers ?? []) as KObject[]).map((c) => c.name as string);
  const podName = pod.metadata.name as string;
  if (!requested) {
    if (names.length === 1) {
      return names[0] ?? '';
    }
    let msg = `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`;
    if (initNames.length > 0) {
      msg += ` or one of the init containers: [${initNames.join(' ')}]`;
    }
    throw badRequest(msg);
  }
  if (!names.includes(requested) && !initNames.includes(requested)) {
    throw badRequest(`container ${requested} is not valid for pod ${podName}`);
  }
  return requested;
}

function containerStatus(pod: KObject, container: string): KObject | undefined {
  return [
    ...((pod.status?.containerStatuses ?? []) as KObject[]),
    ...((pod.status?.initContainerStatuses ?? []) as KObject[]),
  ].find((c) => c.name === container);
}

/** servePodLog answers GET .../pods/<name>/log. */
export function servePodLog(r: PodLogRequest): void {
  const { store, logs, namespace, pod: podName, query: q, res } = r;
  const pod = store.mustGet('pods', namespace, podName);
  const container = resolveContainer(pod, q.get('container'));
  const previous = q.get('previous') === 'true';
  const follow = q.get('follow') === 'true';
  const timestamps = q.get('timestamps') === 'true';
  const tailLines = intParam(q, 'tailLines');
  const limitBytes = intParam(q, 'limitBytes');
  const sinceSeconds = intParam(q, 'sinceSeconds');
  const sinceTimeText = q.get('sinceTime');
  let sinceNanos: bigint | undefined;
  if (sinceTimeText) {
    sinceNanos = parseTimeNanos(sinceTimeText);
    if (sinceNanos === undefined) {
      throw badRequest(`parsing time "${sinceTimeText}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
    }
    // The API server hands sinceTime to the kubelet as RFC 3339 seconds (pod LogLocation), so a
    // resuming client gets every line of that second again and must skip the ones it has.
    sinceNanos -= sinceNanos % 1_000_000_000n;
  } else if (sinceSeconds !== undefined) {
    sinceNanos = BigInt(store.now() - sinceSeconds * 1000) * 1_000_000n;
  }
  const cs = containerStatus(pod, container);
  const state = cs?.state ?? {};
  if (previous) {
    if (!cs?.lastState?.terminated && logs.lines(namespace, podName, container, true).length === 0) {
      throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    }
  } else if (!state.running && !state.terminated) {
    const reason = (state.waiting?.reason as string | undefined) ?? 'ContainerCreating';
    if (NOT_STARTED_MESSAGES[reason] !== undefined || !cs) {
      throw badRequest(
        `container "${container}" in pod "${podName}" is waiting to start: ${NOT_STARTED_MESSAGES[reason] ?? reason}`,
      );
    }
  }
  // A container waiting to restart (CrashLoopBackOff) has no current instance: the kubelet serves the last one.
  const fromPrevious = previous || (!!state.waiting && !state.running && logs.lines(namespace, podName, container).length === 0);
  const existing = selectLines(logs.lines(namespace, podName, container, fromPrevious), { tailLines, sinceNanos });
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  let bytes = 0;
  let lines = 0;
  const end = new StreamEnd(res);
  const finish = (destroy: boolean): void => end.finish(destroy);
  const dropAfter = follow ? r.faults.logDropAfterLines(r.path) : undefined;
  const write = (line: LogLine): void => {
    if (end.closed) {
      return;
    }
    let text = renderLine(line, timestamps);
    if (limitBytes !== undefined && bytes + Buffer.byteLength(text) > limitBytes) {
      text = Buffer.from(text)
        .subarray(0, limitBytes - bytes)
        .toString('utf8');
      res.write(text);
      finish(false);
      return;
    }
    bytes += Buffer.byteLength(text);
    res.write(text);
    lines++;
    if (dropAfter !== undefined && lines >= dropAfter) {
      r.faults.recordLogDrop(r.path);
      // Cut the connection once the lines so far reached the socket, so the client sees them.
      end.cut();
    }
  };
  for (const line of existing) {
    write(line);
  }
  const terminated = previous || !!state.terminated || logs.isEnded(namespace, podName, container);
  if (!follow || terminated || end.closed) {
    finish(false);
    return;
  }
  res.flushHeaders();
  end.onEnd(logs.follow(namespace, podName, container, (line) => (line === null ? finish(false) : write(line))));
  // A container that terminates ends the stream, as the kubelet's follow does.
  end.onEnd(
    store.subscribe((ev) => {
      if (
        ev.resource === 'pods' &&
        ev.object.metadata.namespace === namespace &&
        ev.object.metadata.name === podName &&
        ev.type === 'MODIFIED' &&
        containerStatus(ev.object, container)?.state?.terminated
      ) {
        finish(false);
      }
    }),
  );
  r.req.on('close', () => finish(false));
  res.on('close', () => finish(false));
}
