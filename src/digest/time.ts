/**
 * Local dates and times in an IANA time zone, with Intl only (no time-zone library): what date
 * and wall-clock time it is in a zone at an instant, and the first instant a local time is reached
 * on a local date, across clock changes (a time skipped in spring is reached when the clock jumps
 * past it; a time repeated in autumn is reached the first time).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How a digest time is written: HH:MM on a 24-hour clock. */
export const TIME_FORM = 'HH:MM on a 24-hour clock, e.g. 08:30';
/** How a time zone is written. */
export const ZONE_FORM = 'an IANA time zone such as Europe/London, Europe/Dublin or UTC';

/** "8:30" or "08:30" → "08:30"; null when not a time of day. */
export function parseClockTime(text: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** The canonical name of a time zone Intl knows ("europe/london" → "Europe/London"), or null. */
export function canonicalZone(text: string): string | null {
  const name = text.trim();
  if (name === '' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

function parts(instant: number, zone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local date and time (to the minute) in `zone` at `instant` (ms since the epoch). */
export function localDateTime(instant: number, zone: string): LocalDateTime {
  const p = parts(instant, zone);
  return { date: `${pad(p.year!, 4)}-${pad(p.month!)}-${pad(p.day!)}`, time: `${pad(p.hour!)}:${pad(p.minute!)}` };
}

/** The zone's offset from UTC at `instant`, in ms (Europe/London in summer: +3,600,000). */
function zoneOffset(instant: number, zone: string): number {
  const p = parts(instant, zone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function splitDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = splitDate(text);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = splitDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The first instant at which the wall clock in `zone` shows `time` or later on `date`. When the
 * clocks go forward over `time` (01:30 on 29 March 2026 in London), that is the moment they jump;
 * when they go back over it, the first of the two.
 */
export function zonedInstant(date: string, time: string, zone: string): number {
  const [y, m, d] = splitDate(date);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  const offsets = [...new Set([-36, -12, 0, 12, 36].map((h) => zoneOffset(naive + h * HOUR, zone)))];
  const candidates = offsets.map((o) => naive - o).sort((a, b) => a - b);
  const target = `${date}T${time}`;
  const shows = (t: number) => {
    const l = localDateTime(t, zone);
    return `${l.date}T${l.time}`;
  };
  const exact = candidates.find((t) => shows(t) === target);
  if (exact !== undefined) return exact;
  // a gap: walk minute by minute to where the clock jumps past the target (at most a few hours)
  for (let t = candidates[0]!; t <= candidates.at(-1)! + HOUR; t += MINUTE) {
    if (shows(t) >= target) return t;
  }
  return naive - offsets[0]!;
}

/** "Tue 12 May 2026, 08:30" in `zone`. */
export function describeInstant(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** "Tuesday 12 May 2026" for a YYYY-MM-DD date. */
export function describeDate(date: string): string {
  const [y, m, d] = splitDate(date);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
}
