/**
 * scheduleForInterval is the cron schedule that runs every `seconds`, when the interval divides
 * an hour or a day evenly (`*\/15 * * * *`, `0 *\/6 * * *`, `0 0 * * *`, weekly `0 0 * * 0`);
 * otherwise `@every` with a Go duration (`@every 1h30m`), which robfig counts from the last run.
 */
export function scheduleForInterval(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole % 60 === 0) {
    const minutes = whole / 60;
    if (minutes === 1) return '* * * * *';
    if (minutes < 60 && 60 % minutes === 0) return `*/${minutes} * * * *`;
    if (minutes % 60 === 0) {
      const hours = minutes / 60;
      if (hours === 1) return '0 * * * *';
      if (hours < 24 && 24 % hours === 0) return `0 */${hours} * * *`;
      if (hours === 24) return '0 0 * * *';
      if (hours === 168) return '0 0 * * 0';
    }
  }
  return `@every ${goDuration(whole)}`;
}

/** goDuration renders whole seconds as Go's time.Duration.String does (`1h30m0s` → written `1h30m`). */
function goDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || (h === 0 && m === 0) ? `${s}s` : ''}`;
}
