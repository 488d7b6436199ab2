// The newsroom schedules in its own zone (TZ_NEWSROOM, Europe/London by default) whatever the
// computer's own time zone: a wall-clock date and time there ↔ an instant (ISO-8601 UTC), across
// the clock changes. The server writes the zone into the app's shell (data-time-zone); main.tsx
// sets it here before the first view, so the app and the server count the same day.

export const NEWSROOM_ZONE = "Europe/London";

let zone = NEWSROOM_ZONE;

/** Sets the newsroom's zone; an unknown name is refused (the default stays). Returns the zone in force. */
export function setNewsroomZone(timeZone: string | undefined): string {
  if (!timeZone) return zone;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    zone = timeZone;
  } catch {
    // A zone this browser does not know: keep London rather than fail every date.
  }
  return zone;
}

export function newsroomZone(): string {
  return zone;
}

/** "London time", "Paris time", "New York time", "UTC": the words beside a date and time field. */
export function zoneLabel(timeZone: string = zone): string {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return "UTC";
  const city = timeZone.split("/").at(-1)!.replace(/_/g, " ");
  return `${city} time`;
}

const parts = (date: Date, timeZone: string) => {
  const fmt = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const get = (type: string) => Number(fmt.formatToParts(date).find((p) => p.type === type)?.value);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour"), min: get("minute"), s: get("second") };
};

/** Minutes the zone is ahead of UTC at an instant (0 in winter, 60 in summer for London). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * "2026-03-29" + "09:30" in London → the instant. A time skipped by the spring change resolves
 * forward (01:30 → 02:30 BST); a repeated autumn time takes its first occurrence.
 */
export function londonToInstant(date: string, time: string, timeZone: string = zone): Date | undefined {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return undefined;
  const wall = Date.UTC(+dm[1]!, +dm[2]! - 1, +dm[3]!, +tm[1]!, +tm[2]!);
  // Try the offset before and after; the first that maps back to the wall time wins.
  const candidates = [wall - offsetMinutes(new Date(wall - 86_400_000), timeZone) * 60000];
  candidates.push(wall - offsetMinutes(new Date(wall + 86_400_000), timeZone) * 60000);
  for (const t of candidates.sort((a, b) => a - b)) {
    const p = parts(new Date(t), timeZone);
    if (Date.UTC(p.y, p.m - 1, p.d, p.h, p.min) === wall) return new Date(t);
  }
  // Skipped wall time: the later offset carries it past the gap.
  return new Date(Math.max(...candidates));
}

/** An instant as London's date ("YYYY-MM-DD") and time ("HH:MM"), for the schedule form. */
export function instantToLondon(instant: Date, timeZone: string = zone): { date: string; time: string } {
  const p = parts(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return { date: `${p.y}-${two(p.m)}-${two(p.d)}`, time: `${two(p.h)}:${two(p.min)}` };
}

export function formatLondon(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}
