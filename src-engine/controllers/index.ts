/** The Job and CronJob controllers as pure step functions (time is an input). */
export * from './types';
export * from './backoff';
export * from './conditions';
export * from './indexes';
export * from './podFailurePolicy';
export * from './successPolicy';
export * from './ttl';
export * from './job';
export * from './jobSpec';
export * from './rfc3339';
export * from './mostRecentScheduleTime';
export * from './historyCleanup';
export * from './cronJob';
export * from './cronJobSpec';
export type { EventDetail, EventSink } from './syncEvents';
