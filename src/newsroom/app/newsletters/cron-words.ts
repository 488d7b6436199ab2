// Send times in words for editors ("Every day at 06:00"), for the cron forms the newsroom uses:
// a fixed minute and hour on every day, on some days of the week (a list or a range), or on one
// day of the month. Anything else is shown as it is written, marked as a custom schedule. Our own
// rather than a library: five forms, and the exact words the desk asked for (docs/adr/026).

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const num = (field: string, max: number) => (/^\d{1,2}$/.test(field) && Number(field) <= max ? Number(field) : null);

/** 0-7 (0 and 7 are Sunday), "1-5", "1,3,5" → day numbers, or null for another form. */
function weekdays(field: string): number[] | null {
  const day = (s: string) => {
    const n = num(s, 7);
    return n === null ? null : n % 7;
  };
  const out: number[] = [];
  for (const part of field.split(",")) {
    const range = /^(\d)-(\d)$/.exec(part);
    if (range) {
      const [a, b] = [day(range[1]!), day(range[2]!)];
      if (a === null || b === null || Number(range[1]) > Number(range[2])) return null;
      for (let d = Number(range[1]); d <= Number(range[2]); d++) out.push(d % 7);
    } else {
      const d = day(part);
      if (d === null) return null;
      out.push(d);
    }
  }
  return [...new Set(out)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
}

function listWords(words: string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export function cronInWords(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  const custom = `Custom schedule: ${cron.trim()}`;
  if (fields.length !== 5) return custom;
  const [m, h, dom, month, dow] = fields as [string, string, string, string, string];
  const minute = num(m, 59);
  const hour = num(h, 23);
  if (minute === null || hour === null || month !== "*") return custom;
  const at = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  if (dom === "*" && dow === "*") return `Every day at ${at}`;
  if (dom === "*") {
    const days = weekdays(dow);
    if (!days) return custom;
    if (days.length === 7) return `Every day at ${at}`;
    if (days.join() === "1,2,3,4,5") return `Weekdays at ${at}`;
    if (days.join() === "6,0") return `Weekends at ${at}`;
    return `Every ${listWords(days.map((d) => DAYS[d]!))} at ${at}`;
  }
  const day = num(dom, 31);
  if (dow === "*" && day !== null && day >= 1) return `On day ${day} of every month at ${at}`;
  return custom;
}
