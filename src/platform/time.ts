// Dates in the newsroom's time zone (TZ_NEWSROOM, Europe/London by default). Intl formatters are
// costly to build, so each is made once per zone and reused on every page render.

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${tz}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: tz, ...options });
    cache.set(id, f);
  }
  return f;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// formatToParts is the slowest call on a page render and lists show the same few minutes over and
// over, so results are remembered per zone and second (a pure function; the map is bounded).
const partsMemo = new Map<string, Parts>();

function zonedParts(date: Date, tz: string): Parts {
  const key = `${tz}|${Math.floor(date.getTime() / 1000)}`;
  let parts = partsMemo.get(key);
  if (!parts) {
    parts = computeZonedParts(date, tz);
    if (partsMemo.size >= 20_000) partsMemo.clear();
    partsMemo.set(key, parts);
  }
  return parts;
}

function computeZonedParts(date: Date, tz: string): Parts {
  const f = formatter(tz, "parts", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(date)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return {
    year: p.year ?? 1970,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: p.hour ?? 0,
    minute: p.minute ?? 0,
    second: p.second ?? 0,
  };
}

/** The zone's offset from UTC at that instant, in minutes (60 for BST, 0 for GMT). */
export function zoneOffsetMinutes(date: Date, tz: string): number {
  const p = zonedParts(date, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** "2026-11-28": the calendar day of that instant in the zone. */
export function zonedIsoDate(date: Date, tz: string): string {
  const p = zonedParts(date, tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The instant the zone's day containing `date` began (00:00 local), as a Date. */
export function startOfZonedDay(date: Date, tz: string): Date {
  const p = zonedParts(date, tz);
  const guess = Date.UTC(p.year, p.month - 1, p.day);
  // The offset at local midnight can differ from the offset now on a clock-change day; two passes settle it.
  let instant = guess - zoneOffsetMinutes(new Date(guess), tz) * 60000;
  instant = guess - zoneOffsetMinutes(new Date(instant), tz) * 60000;
  return new Date(instant);
}

/** Start and end (exclusive) of a YYYY-MM-DD day in the zone. */
export function zonedDayRange(isoDate: string, tz: string): { start: Date; end: Date } {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  const start = startOfZonedDay(noon, tz);
  const end = startOfZonedDay(new Date(Date.UTC(y, m - 1, d + 1, 12)), tz);
  return { start, end };
}

/** ISO 8601 with the zone's offset, as JSON-LD and <time datetime> want: "2026-07-01T09:30:00+01:00". */
export function toZonedIso(date: Date, tz: string): string {
  const p = zonedParts(date, tz);
  const offset = zoneOffsetMinutes(date, tz);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** "Wednesday, May 1 2024": the Morning Headlines title form. */
export function formatEditionDate(date: Date, tz: string): string {
  const f = formatter(tz, "edition", { weekday: "long", month: "long", day: "numeric", year: "numeric" });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(date)) p[part.type] = part.value;
  return `${p.weekday}, ${p.month} ${p.day} ${p.year}`;
}

/** "Saturday 28 November 2026": the masthead date. */
export function formatLongDate(date: Date, tz: string): string {
  return formatter(tz, "long", { weekday: "long", day: "numeric", month: "long", year: "numeric" })
    .format(date)
    .replace(",", "");
}

/** "28 November 2026, 14:05 GMT": article dates with time and zone name. */
export function formatDateTime(date: Date, tz: string): string {
  const f = formatter(tz, "datetime", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(date)) p[part.type] = part.value;
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "14:05": a time of day in the zone, for lists of today's headlines. */
export function formatTime(date: Date, tz: string): string {
  return formatter(tz, "time", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/** "28 Nov 2026": compact dates in lists. */
export function formatShortDate(date: Date, tz: string): string {
  return formatter(tz, "short", { day: "numeric", month: "short", year: "numeric" }).format(date);
}
