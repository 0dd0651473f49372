import { goLoadLocation } from './loadLocation';

/** Result of {@link validateTimeZone}: `error` is the first problem in the API server's words, `errors` all of them. */
export interface ZoneCheck {
  ok: boolean;
  error?: string;
  errors?: string[];
}

// Each `/`-separated part of a zone name: pkg/apis/batch/validation validTimeZoneCharacters.
const VALID_TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * validateTimeZone checks a CronJob `spec.timeZone` value as the API server does on create.
 * Mirrors pkg/apis/batch/validation `validateTimeZone`: empty string, then the per-part
 * character rule, then `Local` in any case, then Go `time.LoadLocation` (case-sensitive
 * tzdata lookup; `US/Eastern`, `EST`, `Etc/GMT+5`, `Factory` load, `utc` does not).
 * `LOCAL` fails twice (explicit-zone rule and LoadLocation), as upstream.
 */
export function validateTimeZone(tz: string): ZoneCheck {
  if (tz.length === 0) return fail(['timeZone must be nil or non-empty string']);
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_TIME_ZONE_PART.test(part)) {
      return fail(['unknown time zone ' + tz]);
    }
  }
  const errors: string[] = [];
  if (tz.toLowerCase() === 'local') {
    errors.push('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  }
  const loaded = goLoadLocation(tz);
  if (!loaded.ok) errors.push(loaded.error);
  return errors.length === 0 ? { ok: true } : fail(errors);
}

function fail(errors: string[]): ZoneCheck {
  return { ok: false, error: errors[0], errors };
}
