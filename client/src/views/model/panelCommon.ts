/** Pieces both live panels (Job, CronJob) are built from: times, actions with their RBAC answer, events, server defaults. */
import type { ActionView, EventView, ObjectPanelModel } from '../../webviews/contract';
import type { Event } from './k8s';
import { parseTime } from './k8s';
import { formatAge, formatInZone } from './format';
import { FIELD_FACTS } from '../../../../src-engine';

/** An RBAC answer for one verb on one resource (undefined: not known yet, treated as allowed). */
export type AccessAnswer = (verb: string, resource: string) => { allowed: boolean; reason: string } | undefined;

/** What every live panel is built from: the object's place, its events, the time, what RBAC allows. */
export interface PanelInput {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  readonly events: readonly Event[];
  readonly nowMs: number;
  readonly access?: AccessAnswer;
}

/** goneObject is what a panel shows of an object that no longer exists: its name, a headline saying so, its last events. */
export function goneObject(input: PanelInput, headline: string): ObjectPanelModel {
  return {
    context: input.context,
    namespace: input.namespace,
    name: input.name,
    exists: false,
    headline,
    settings: [],
    events: eventViews(input.events, input.nowMs),
    actions: [],
  };
}

/** time renders a timestamp as `2026-11-30 12:00 UTC (5m ago)`, or `—`. */
export const time = (value: string | undefined | null, nowMs: number): string => {
  const t = parseTime(value);
  return t === undefined ? '—' : `${formatInZone(t, 'UTC')} (${formatAge(t, nowMs)})`;
};

/**
 * serverDefault is the value the API server gives a field left unset (SetDefaults_Job,
 * SetDefaults_CronJob in pkg/apis/batch/v1/defaults.go, SetDefaults_PodSpec in
 * pkg/apis/core/v1/defaults.go), read from the engine's field facts — the one home of those
 * defaults — as text. Live objects come defaulted, so this shows only for odd objects.
 */
export function serverDefault(typeAndField: string): string {
  const value = FIELD_FACTS[typeAndField]?.default;
  if (value === undefined) throw new Error(`no server default recorded for ${typeAndField}`);
  return String(value);
}

/** orDefault shows a field's value, or `fallback` when it is unset. */
export const orDefault = (value: unknown, fallback: string): string =>
  value === undefined || value === null ? fallback : String(value);

/** action is a panel button, disabled with the reason when RBAC refuses it or the object's state blocks it. */
export function action(
  id: ActionView['id'],
  label: string,
  access: AccessAnswer | undefined,
  verb: string,
  resource: string,
  blocked?: string,
): ActionView {
  const answer = access?.(verb, resource);
  if (answer && !answer.allowed) return { id, label, enabled: false, reason: answer.reason };
  if (blocked) return { id, label, enabled: false, reason: blocked };
  return { id, label, enabled: true };
}

/** eventViews sorts events newest first and renders them. */
export function eventViews(events: readonly Event[], nowMs: number): EventView[] {
  const last = (e: Event): number => parseTime(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp) ?? 0;
  return [...events]
    .sort((a, b) => last(b) - last(a))
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      count: e.count ?? 1,
      last: formatAge(last(e) || undefined, nowMs),
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      source: e.source?.component ?? e.reportingComponent ?? '',
    }));
}
