/** Watches of the test API server: JSON lines of ADDED, MODIFIED, DELETED, BOOKMARK and ERROR events. */
import type * as http from 'node:http';
import { listMatcher } from './requestInfo';
import type { RequestInfo } from './requestInfo';
import type { ServerState, Watcher } from './serverState';
import type { ApiError } from './status';
import { badRequest, expired } from './status';
import type { KObject, StoreEvent } from './store';
import { StreamEnd } from './stream';
import { toTable } from './table';
import { WatchFaultShaper } from './watchFaults';
import { METADATA_ACCEPT, TABLE_ACCEPT, includeObjectOf, partialObjectMetadata } from './wire';

/** handleWatch streams watch events as JSON lines (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/watch.go). */
export function handleWatch(state: ServerState, ri: RequestInfo, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { store, faults, now, watchers, bookmarkIntervalMs } = state;
  const match = listMatcher(ri);
  const asTable = TABLE_ACCEPT.test(req.headers.accept ?? '');
  const include = includeObjectOf(ri.query);
  const allowBookmarks = ri.query.get('allowWatchBookmarks') === 'true';
  const sendInitial = ri.query.get('sendInitialEvents') === 'true';
  const rvParam = ri.query.get('resourceVersion') ?? '';
  const dropAfter = faults.watchDropAfter(ri.path);
  const timeoutSeconds = Number(ri.query.get('timeoutSeconds') ?? '0');
  const inNamespace = (o: KObject): boolean => ri.namespace === undefined || o.metadata.namespace === ri.namespace;
  const foreign = faults.foreignEvents(ri.path);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  let sent = 0;
  const end = new StreamEnd(res);
  const finish = (destroy: boolean): void => end.finish(destroy);

  const asMetadata = METADATA_ACCEPT.test(req.headers.accept ?? '');
  const shaper = asTable || asMetadata ? undefined : new WatchFaultShaper(faults, ri.path);
  const write = (ev: KObject): void => {
    if (end.closed) {
      return;
    }
    for (const line of ev.type === 'BOOKMARK' || !shaper ? [ev] : shaper.lines(ev as { type: string; object: KObject })) {
      res.write(`${JSON.stringify(line)}\n`);
    }
    if (ev.type !== 'BOOKMARK') {
      sent++;
      if (dropAfter !== undefined && sent >= dropAfter) {
        faults.recordWatchDrop(ri.path);
        // Cut the connection once the events so far reached the socket, so the client sees them.
        end.cut();
      }
    }
  };
  const wrap = (type: string, obj: KObject): KObject => ({
    type,
    object: asTable
      ? toTable(ri.resource.plural, [obj], now(), include, { resourceVersion: obj.metadata.resourceVersion })
      : asMetadata
        ? partialObjectMetadata(obj)
        : obj,
  });
  const sendError = (e: ApiError): void => {
    res.write(`${JSON.stringify({ type: 'ERROR', object: e.status })}\n`);
    finish(false);
  };
  if (faults.shouldGone410(ri.path)) {
    sendError(expired(`too old resource version: ${rvParam || '0'} (${store.resourceVersion()})`));
    return;
  }
  if (faults.shouldSilence(ri.path)) {
    // A half-open connection: nothing more arrives, not even the end at timeoutSeconds.
    req.on('close', () => finish(false));
    return;
  }
  const known = new Set<string>();
  const keyOf = (o: KObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const deliver = (ev: StoreEvent): void => {
    if (ev.resource !== ri.resource.plural) {
      return;
    }
    if (!inNamespace(ev.object)) {
      if (!foreign) {
        return;
      }
      faults.recordForeign(ri.path);
    }
    const k = keyOf(ev.object);
    const matches = match(ev.object);
    if (ev.type === 'DELETED') {
      if (known.delete(k) || matches) {
        write(wrap('DELETED', ev.object));
      }
    } else if (matches) {
      write(wrap(ev.type === 'MODIFIED' && known.has(k) ? 'MODIFIED' : 'ADDED', ev.object));
      known.add(k);
    } else if (known.delete(k)) {
      write(wrap('DELETED', ev.object));
    }
  };
  const bookmark = (annotations?: Record<string, string>): void => {
    const metadata: KObject = { resourceVersion: store.resourceVersion() };
    if (annotations) {
      metadata.annotations = annotations;
    }
    write({
      type: 'BOOKMARK',
      object: { kind: ri.resource.kind, apiVersion: ri.resource.group === '' ? 'v1' : `${ri.resource.group}/v1`, metadata },
    });
  };
  const current = store.listRefs(ri.resource.plural, ri.namespace).filter(match);
  for (const o of current) {
    known.add(keyOf(o));
  }
  if (rvParam === '' || rvParam === '0' || sendInitial) {
    for (const o of current) {
      write(wrap('ADDED', o));
    }
    if (sendInitial && allowBookmarks) {
      bookmark({ 'k8s.io/initial-events-end': 'true' });
    }
  } else {
    const rv = Number(rvParam);
    if (!Number.isInteger(rv) || rv < 0) {
      sendError(badRequest(`invalid resource version: "${rvParam}"`));
      return;
    }
    const past = store.eventsSince(rv);
    if (past === 'expired') {
      sendError(expired(`too old resource version: ${rv} (${store.oldestResumableRv() + 1})`));
      return;
    }
    for (const ev of past) {
      deliver(ev);
    }
  }
  if (end.closed) {
    return;
  }
  end.onEnd(store.subscribe(deliver));
  const watcher: Watcher = { allowBookmarks, resource: ri.resource, send: () => bookmark(), end: () => finish(false) };
  watchers.add(watcher);
  end.onEnd(() => watchers.delete(watcher));
  if (allowBookmarks) {
    const t = setInterval(() => bookmark(), bookmarkIntervalMs);
    end.onEnd(() => clearInterval(t));
  }
  if (timeoutSeconds > 0) {
    const t = setTimeout(() => finish(false), timeoutSeconds * 1000);
    end.onEnd(() => clearTimeout(t));
  }
  req.on('close', () => finish(false));
  res.on('close', () => finish(false));
}
