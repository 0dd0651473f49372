/**
 * Fault injection for the test API server. Every decision draws from a seeded PRNG, so a
 * test that injects "50 faults" gets the same faults in the same order on every run.
 */
import type { Rng } from './prng';
import { mulberry32 } from './prng';

/** AccessRule names a request by verb, resource, namespace, user ('*' or absent matches all). */
export interface AccessRule {
  verb?: string;
  /** Plural resource, optionally with a subresource (`pods/log`). */
  resource?: string;
  group?: string;
  namespace?: string;
  user?: string;
}

/** FaultSettings configures which faults to inject. */
export interface FaultSettings {
  /** Seed for the fault PRNG (default 42). */
  seed?: number;
  /** Delay before every request is handled. */
  latencyMs?: number;
  /** Probability that a non-watch request answers 500 InternalError. */
  status500Rate?: number;
  /** Probability that a request's connection is destroyed without an answer. */
  dropConnectionRate?: number;
  /** Destroy every watch connection after it has sent this many events. */
  dropWatchAfterEvents?: number;
  /** The next N watch requests get a 410 Expired ERROR event instead of events. */
  gone410OnNextWatch?: number | boolean;
  /** Requests matching any rule are answered 403 Forbidden (RBAC denial). */
  forbid?: AccessRule[];
  /** Destroy every followed log stream after it has sent this many lines. */
  dropLogFollowAfterLines?: number;
  /** Only requests whose path includes this text are subject to random faults. */
  pathIncludes?: string;
  /** Stop injecting random faults (500, drops, watch drops, 410s) after this many. */
  maxFaults?: number;
  /** Every list and watch is answered 410 Expired: a list as an HTTP 410 Status, a watch as an ERROR event. */
  gone410Always?: boolean;
  /** Watch requests are accepted and never answered: no status line, no event (a hung proxy or API server). */
  hangWatches?: boolean;
  /** List requests are accepted and never answered. */
  hangLists?: boolean;
  /** Followed logs (`pods/log?follow=true`) are accepted and never answered. */
  hangLogFollows?: boolean;
  /** Watches answer 200 and then stay silent, with no event and no bookmark (a half-open connection). */
  silentWatches?: boolean;
  /** Namespaced watches also stream the changes of every other namespace (a broken proxy or aggregator). */
  foreignEvents?: boolean;
  /** Probability that a watch event is sent twice. */
  duplicateEventRate?: number;
  /** Probability that, after a MODIFIED or DELETED event, the version the watch sent before it is sent again. */
  staleEventRate?: number;
  /** Probability that a malformed copy of an object (ownerReferences not a list, …) is sent before its real event. */
  malformedEventRate?: number;
}

/** InjectedFault records one injected fault for a test to inspect. */
export interface InjectedFault {
  readonly kind:
    | 'status500'
    | 'dropConnection'
    | 'dropWatch'
    | 'dropLog'
    | 'gone410'
    | 'forbidden'
    | 'latency'
    | 'hang'
    | 'silentWatch'
    | 'foreignEvent'
    | 'duplicateEvent'
    | 'staleEvent'
    | 'malformedEvent';
  readonly method: string;
  readonly path: string;
}

/**
 * ruleMatches tells whether an AccessRule covers a request. A rule's namespace '' names the
 * cluster scope only (requests without a namespace, e.g. listing Jobs in all namespaces).
 */
export function ruleMatches(
  rule: AccessRule,
  a: { verb: string; resource: string; group: string; namespace?: string; user: string; subresource?: string },
): boolean {
  const any = (v: string | undefined): boolean => v === undefined || v === '*';
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return (
    (any(rule.verb) || rule.verb === a.verb) &&
    (any(rule.resource) || rule.resource === res || (rule.resource === a.resource && !a.subresource)) &&
    (any(rule.group) || rule.group === a.group) &&
    (any(rule.namespace) || rule.namespace === a.namespace || (rule.namespace === '' && a.namespace === undefined)) &&
    (any(rule.user) || rule.user === a.user)
  );
}

/** Faults holds the active settings and the record of injected faults. */
export class Faults {
  private settings: FaultSettings = {};
  private rng: Rng = mulberry32(42);
  private gone410Left = 0;
  /** Every injected fault, in order. */
  readonly injected: InjectedFault[] = [];

  /** set replaces all settings (and reseeds the PRNG). */
  set(settings: FaultSettings): void {
    this.settings = { ...settings };
    this.rng = mulberry32(settings.seed ?? 42);
    const g = settings.gone410OnNextWatch;
    this.gone410Left = g === true ? 1 : typeof g === 'number' ? g : 0;
  }

  /** clear removes every fault. */
  clear(): void {
    this.set({});
  }

  /** current returns a copy of the active settings. */
  current(): FaultSettings {
    return { ...this.settings };
  }

  /** randomFaultCount counts injected faults that count toward maxFaults. */
  randomFaultCount(): number {
    return this.injected.filter((f) => f.kind !== 'forbidden' && f.kind !== 'latency').length;
  }

  private eligible(path: string): boolean {
    const s = this.settings;
    if (s.pathIncludes !== undefined && !path.includes(s.pathIncludes)) {
      return false;
    }
    return s.maxFaults === undefined || this.randomFaultCount() < s.maxFaults;
  }

  private record(kind: InjectedFault['kind'], method: string, path: string): true {
    this.injected.push({ kind, method, path });
    return true;
  }

  latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }

  /** shouldDrop decides whether to destroy this request's connection. */
  shouldDrop(method: string, path: string): boolean {
    const rate = this.settings.dropConnectionRate ?? 0;
    return rate > 0 && this.eligible(path) && this.rng() < rate && this.record('dropConnection', method, path);
  }

  /** should500 decides whether to answer this (non-watch) request with 500. */
  should500(method: string, path: string): boolean {
    const rate = this.settings.status500Rate ?? 0;
    return rate > 0 && this.eligible(path) && this.rng() < rate && this.record('status500', method, path);
  }

  /** shouldGone410 decides whether this watch request gets a 410 Expired event. */
  shouldGone410(path: string): boolean {
    if (this.settings.gone410Always && this.eligible(path)) return this.record('gone410', 'GET', path);
    if (this.gone410Left > 0 && this.eligible(path)) {
      this.gone410Left--;
      return this.record('gone410', 'GET', path);
    }
    return false;
  }

  /** shouldGone410OnList decides whether this list request is answered 410 Expired. */
  shouldGone410OnList(path: string): boolean {
    return this.settings.gone410Always === true && this.eligible(path) && this.record('gone410', 'GET', path);
  }

  /** shouldHang decides whether this list or watch request is left without any answer. */
  shouldHang(verb: 'list' | 'watch' | 'follow', path: string): boolean {
    const s = this.settings;
    const on = verb === 'list' ? s.hangLists : verb === 'watch' ? s.hangWatches : s.hangLogFollows;
    return on === true && this.eligible(path) && this.record('hang', 'GET', path);
  }

  /** shouldSilence decides whether this watch answers 200 and then sends nothing at all. */
  shouldSilence(path: string): boolean {
    return this.settings.silentWatches === true && this.eligible(path) && this.record('silentWatch', 'GET', path);
  }

  /** foreignEvents tells whether namespaced watches also get other namespaces' changes. */
  foreignEvents(path: string): boolean {
    return this.settings.foreignEvents === true && this.eligible(path);
  }

  /** chance draws one seeded decision for a per-event fault and records it when it happens. */
  chance(kind: 'duplicateEvent' | 'staleEvent' | 'malformedEvent', path: string): boolean {
    const s = this.settings;
    const rates = { duplicateEvent: s.duplicateEventRate, staleEvent: s.staleEventRate, malformedEvent: s.malformedEventRate };
    const rate = rates[kind] ?? 0;
    return rate > 0 && this.eligible(path) && this.rng() < rate && this.record(kind, 'GET', path);
  }

  /** recordForeign notes an event sent to a watch of another namespace. */
  recordForeign(path: string): void {
    this.record('foreignEvent', 'GET', path);
  }

  /** watchDropAfter returns after how many events a watch is cut, if at all. */
  watchDropAfter(path: string): number | undefined {
    const n = this.settings.dropWatchAfterEvents;
    return n !== undefined && this.eligible(path) ? n : undefined;
  }

  /** recordWatchDrop notes a watch cut by dropWatchAfterEvents. */
  recordWatchDrop(path: string): void {
    this.record('dropWatch', 'GET', path);
  }

  /** logDropAfterLines returns after how many lines a followed log is cut, if at all. */
  logDropAfterLines(path: string): number | undefined {
    const n = this.settings.dropLogFollowAfterLines;
    return n !== undefined && this.eligible(path) ? n : undefined;
  }

  /** recordLogDrop notes a log stream cut by dropLogFollowAfterLines. */
  recordLogDrop(path: string): void {
    this.record('dropLog', 'GET', path);
  }

  /** forbids tells whether a forbid rule covers the request. */
  forbids(
    a: { verb: string; resource: string; group: string; namespace?: string; user: string; subresource?: string },
    method: string,
    path: string,
  ): boolean {
    return (this.settings.forbid ?? []).some((r) => ruleMatches(r, a)) && this.record('forbidden', method, path);
  }
}
