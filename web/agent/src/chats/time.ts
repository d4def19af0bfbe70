/**
 * Times on the wire are RFC 3339 with microseconds (`…T07:57:41.512000Z`);
 * some (`mark_events_as_seen` answers, customer visits) have milliseconds. A
 * key made of the digits compares them all in order, microseconds included.
 */
export function timeKey(time: string | undefined): string {
  if (!time) return '';
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?/.exec(time);
  if (!match) return time;
  return match.slice(1, 7).join('') + (match[7] ?? '').padEnd(6, '0').slice(0, 6);
}

export function isAfter(time: string | undefined, than: string | undefined): boolean {
  return timeKey(time) > timeKey(than);
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "14:05" today, the date and time otherwise. */
export function shortTime(time: string): string {
  const date = new Date(time);
  return date.toDateString() === new Date().toDateString() ? clock.format(date) : day.format(date);
}
