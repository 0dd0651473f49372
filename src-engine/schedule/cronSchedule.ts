/**
 * The parsed form of a CronJob `spec.schedule`, as robfig/cron v3 `ParseStandard` builds it
 * (a `SpecSchedule` of bit sets, or a `ConstantDelaySchedule` for `@every`). Plain,
 * serialisable data: field values are sorted number lists, not bit masks.
 */

/** The five fields of a standard cron spec, in order. */
export type CronFieldName = 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';

/** One parsed field. */
export interface CronField {
  /** The values that match, ascending (day of week: 0 = Sunday … 6 = Saturday). */
  readonly values: readonly number[];
  /**
   * robfig's "star bit": set when an item was `*` or `?` with step 1 (`*`, `?`, `*\/1`, `*-5`).
   * Only meaningful for the day fields, where it selects AND instead of OR (see domDowIsOr).
   */
  readonly star: boolean;
  /** The field text as written. */
  readonly text: string;
}

/** All five fields of a cron-kind schedule. */
export type CronFields = { readonly [K in CronFieldName]: CronField };

/** The named schedules robfig accepts (case-sensitive). */
export type CronDescriptor = '@yearly' | '@annually' | '@monthly' | '@weekly' | '@daily' | '@midnight' | '@hourly' | '@every';

/** A parsed schedule; `kind` tells a field schedule (`cron`) from a fixed delay (`every`). */
export interface CronSchedule {
  readonly kind: 'cron' | 'every';
  /** The spec exactly as given to parseStandard. */
  readonly source: string;
  /** Zone named by a `TZ=`/`CRON_TZ=` prefix (`UTC`, `Local` or a tzdata name); absent without prefix. */
  readonly location?: string;
  /** The descriptor used, when the spec was `@…`. */
  readonly descriptor?: CronDescriptor;
  /** Field sets; present when kind is `cron`. */
  readonly fields?: CronFields;
  /** Delay between runs for kind `every`: whole seconds, at least 1 s (robfig `Every`). */
  readonly everyMs?: number;
  /** The duration text after `@every ` as written (e.g. `90m`). */
  readonly everyText?: string;
}

/** Result of parseStandard: the schedule, or robfig's error message verbatim. */
/**
 * A parse result. `panic` is set where robfig/cron itself panics instead of returning an error
 * (the text Go gives the panic value), so callers can say what the API server does with it.
 */
export type ScheduleParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string; panic?: string };

/** Bounds of each field (robfig spec.go `minutes`, `hours`, `dom`, `months`, `dow`). */
export const FIELD_BOUNDS: { readonly [K in CronFieldName]: { readonly min: number; readonly max: number } } = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dayOfMonth: { min: 1, max: 31 },
  month: { min: 1, max: 12 },
  dayOfWeek: { min: 0, max: 6 },
};

/** The order fields appear in a spec. */
export const FIELD_ORDER: readonly CronFieldName[] = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'];
