// A strict WebVTT reader for uploaded captions (W3C WebVTT, https://www.w3.org/TR/webvtt1/). It
// accepts what the format allows in cue text — the cue tags c, i, b, u, ruby, rt, v, lang and
// timestamps, and character references — and refuses anything else, so a file with <script> or
// other HTML never reaches a reader's browser. Every problem is reported with its line number.

export const MAX_VTT_BYTES = 512 * 1024;
export const MAX_CUES = 10_000;

export interface Cue {
  start: number;
  end: number;
  /** The cue text as written (WebVTT cue markup). */
  text: string;
}

export interface VttProblem {
  line: number;
  message: string;
}

export type VttResult = { ok: true; cues: Cue[] } | { ok: false; errors: VttProblem[] };

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const CUE_TAGS = new Set(["c", "i", "b", "u", "ruby", "rt", "v", "lang"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", lrm: "\u200e", rlm: "\u200f", nbsp: "\u00a0" };
const SETTINGS: Record<string, RegExp> = {
  vertical: /^(rl|lr)$/,
  line: /^-?\d+(\.\d+)?%?(,(start|center|end))?$/,
  position: /^\d+(\.\d+)?%(,(line-left|center|line-right))?$/,
  size: /^\d+(\.\d+)?%$/,
  align: /^(start|center|end|left|right)$/,
  region: /^[^\s]+$/,
};

export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** Checks one line of cue text: only cue tags (balanced), timestamps and known character references. */
function checkCueText(line: string, lineNo: number, open: string[], errors: VttProblem[]): void {
  if (line.includes("-->")) errors.push({ line: lineNo, message: 'Cue text may not contain "-->"' });
  for (const m of line.matchAll(/<([^>]*)>?|&([^;\s&<]*);?/g)) {
    const whole = m[0];
    if (whole.startsWith("&")) {
      const name = m[2] ?? "";
      const ok = whole.endsWith(";") && (name in ENTITIES || /^#(\d{1,7}|x[0-9a-f]{1,6})$/i.test(name));
      if (!ok) errors.push({ line: lineNo, message: `"${whole}" is not a character reference WebVTT allows` });
      continue;
    }
    if (!whole.endsWith(">")) {
      errors.push({ line: lineNo, message: 'An unclosed tag: "<" must be written as &lt;' });
      continue;
    }
    const inner = m[1] ?? "";
    if (parseTimestamp(inner) !== undefined) continue;
    const closing = inner.startsWith("/");
    const name = (closing ? inner.slice(1) : inner).split(/[.\s]/)[0]!.toLowerCase();
    if (!CUE_TAGS.has(name)) {
      errors.push({
        line: lineNo,
        message: `<${inner}> is not a WebVTT cue tag (allowed: ${[...CUE_TAGS].join(", ")})`,
      });
    } else if (closing) {
      if (open.at(-1) === name) open.pop();
      else errors.push({ line: lineNo, message: `</${name}> closes a tag that is not open` });
    } else {
      if (!/^[a-z]+(\.[\w-]+)*(\s.*)?$/i.test(inner)) errors.push({ line: lineNo, message: `<${inner}> is malformed` });
      open.push(name);
    }
  }
}

export function parseWebVtt(input: string | Buffer): VttResult {
  const errors: VttProblem[] = [];
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.length;
  if (size > MAX_VTT_BYTES) return { ok: false, errors: [{ line: 0, message: `Larger than ${MAX_VTT_BYTES} bytes` }] };
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: false }).decode(input);
  if (text.includes("\uFFFD") || text.includes("\0"))
    return { ok: false, errors: [{ line: 0, message: "Not UTF-8 text" }] };
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (!/^WEBVTT([ \t].*)?$/.test(lines[0] ?? "")) {
    return { ok: false, errors: [{ line: 1, message: 'The file must start with "WEBVTT"' }] };
  }
  let i = 1;
  while (i < lines.length && lines[i] !== "") {
    if (lines[i]!.includes("-->")) errors.push({ line: i + 1, message: "The header must end with a blank line" });
    i++;
  }
  const cues: Cue[] = [];
  let previousStart = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === "") i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "") block.push(lines[i++]!);
    const first = block[0]!;
    if (/^NOTE($|[ \t])/.test(first) || /^REGION($|[ \t])/.test(first)) continue;
    if (/^STYLE($|[ \t])/.test(first)) {
      errors.push({ line: blockStart + 1, message: "STYLE blocks are not accepted: captions use the site's style" });
      continue;
    }
    const timingIndex = first.includes("-->") ? 0 : 1;
    const timing = block[timingIndex];
    const lineNo = blockStart + timingIndex + 1;
    if (timing === undefined || !timing.includes("-->")) {
      errors.push({ line: blockStart + 1, message: 'A cue needs a timing line like "00:00:01.000 --> 00:00:04.000"' });
      continue;
    }
    const [left = "", right = ""] = timing.split("-->", 2);
    const [endText = "", ...settings] = right.trim().split(/[ \t]+/);
    const start = parseTimestamp(left.trim());
    const end = parseTimestamp(endText);
    if (start === undefined || end === undefined) {
      errors.push({ line: lineNo, message: `Bad timing "${timing.trim()}": use hh:mm:ss.ttt or mm:ss.ttt` });
      continue;
    }
    if (end <= start) errors.push({ line: lineNo, message: "The cue ends before it starts" });
    if (start < previousStart) errors.push({ line: lineNo, message: "Cues must be in order of start time" });
    previousStart = start;
    for (const setting of settings) {
      const [name = "", value = ""] = setting.split(":", 2);
      const rule = SETTINGS[name];
      if (!rule || !rule.test(value))
        errors.push({ line: lineNo, message: `Unknown or malformed cue setting "${setting}"` });
    }
    const body = block.slice(timingIndex + 1);
    const open: string[] = [];
    body.forEach((l, k) => checkCueText(l, lineNo + 1 + k, open, errors));
    cues.push({ start, end, text: body.join("\n") });
    if (cues.length > MAX_CUES) {
      errors.push({ line: lineNo, message: `More than ${MAX_CUES} cues` });
      break;
    }
  }
  if (errors.length === 0 && cues.length === 0) errors.push({ line: lines.length, message: "The file has no cues" });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, 100) } : { ok: true, cues };
}

/** The words of a cue: tags removed, character references decoded. */
export function cuePlainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** A transcript from cues: paragraphs of text with the time each starts, a new one after a pause of 2 s or more. */
export function transcriptFromCues(cues: Cue[]): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let lastEnd = -Infinity;
  for (const cue of cues) {
    const words = cuePlainText(cue.text);
    if (!words) continue;
    const current = out.at(-1);
    if (current && cue.start - lastEnd < 2 && current.text.length < 600) current.text += ` ${words}`;
    else out.push({ start: cue.start, text: words });
    lastEnd = cue.end;
  }
  return out;
}
