import { htmlToDocument, textToDocument } from "../../articles/document/html-to-document.js";
import { type ParsedFeed, type WireImage, checkItems } from "../wire-item.js";
import { AppError } from "../../platform/errors.js";
import { MAX_FEED_BYTES } from "./xml.js";
import { MAX_UPLOAD_BYTES } from "../../media/image.js";

// IPTC ninjs, JSON. 1.x names fields singly (headline, body_html, subject, associations as an
// object); 2.x in lists with roles (headlines, bodies, subjects, associations as a list). A feed is
// one item, a list of items, or an object holding them under `items` or `data`.

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

export function parseNinjs(input: string): ParsedFeed {
  if (input.length > MAX_FEED_BYTES) throw new AppError("BAD_REQUEST", "The feed is larger than 20 MB");
  let data: unknown;
  try {
    data = JSON.parse(input);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The feed is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  const items = Array.isArray(data)
    ? data
    : data && typeof data === "object"
      ? Array.isArray((data as Json).items)
        ? ((data as Json).items as unknown[])
        : Array.isArray((data as Json).data)
          ? ((data as Json).data as unknown[])
          : [data]
      : [];
  if (!items.length && !(data && typeof data === "object"))
    throw new AppError("BAD_REQUEST", "Not a ninjs item or list of items");
  return checkItems(
    items.map((item, index) => ({ label: str((item as Json)?.uri) || `item ${index + 1}`, item: toItem(item) })),
  );
}

/** The value of a 2.x list by role (or the first), or the 1.x field. */
function pick(item: Json, listName: string, role: string, single: string): string {
  const values = arr(item[listName]) as Json[];
  const withRole = values.find((v) => str(v.role) === role) ?? values.find((v) => !v.role) ?? values[0];
  return str(withRole?.value) || str(item[single]);
}

function version(v: unknown): number {
  const n = typeof v === "number" ? v : parseInt(str(v), 10);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

function toItem(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const item = raw as Json;
  const bodies = arr(item.bodies) as Json[];
  const htmlBody = bodies.find((b) => /html/.test(str(b.contenttype)))?.value ?? item.body_html;
  const textBody = bodies.find((b) => !/html/.test(str(b.contenttype)))?.value ?? item.body_text;
  const base = str(item.uri).startsWith("http") ? str(item.uri) : undefined;
  const status = str(item.pubstatus).toLowerCase();
  const subjects = [...arr(item.subjects), ...arr(item.subject)].map(
    (s) => str((s as Json)?.name) || str((s as Json)?.code),
  );
  return {
    guid: str(item.uri) || str(item.guid),
    version: version(item.version),
    headline: pick(item, "headlines", "main", "headline"),
    standfirst:
      pick(item, "descriptions", "summary", "description_text") || str(item.description_html).replace(/<[^>]*>/g, " "),
    byline: str(item.byline) || str(item.by),
    credit: str(item.copyrightholder) || str(item.provider && (item.provider as Json).name) || str(item.creditline),
    body:
      typeof htmlBody === "string" && htmlBody
        ? htmlToDocument(htmlBody, { baseUrl: base })
        : textToDocument(str(textBody)),
    urgency:
      Number.isInteger(Number(item.urgency)) && Number(item.urgency) >= 1 && Number(item.urgency) <= 9
        ? Number(item.urgency)
        : null,
    pubStatus: status === "canceled" || status === "cancelled" || status === "withheld" ? "canceled" : "usable",
    embargoAt: str(item.embargoed) || str(item.embargoedUntil) || null,
    versionAt: str(item.versioncreated) || str(item.firstcreated) || null,
    url: arr(item.altids).length ? null : (base ?? null),
    subjects: subjects.filter(Boolean),
    images: images(item),
  };
}

const PICTURE_TYPES = /^image\/(jpeg|png|webp|avif|gif)$/i;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function images(item: Json): WireImage[] {
  const associations = Array.isArray(item.associations)
    ? (item.associations as Json[])
    : item.associations && typeof item.associations === "object"
      ? Object.values(item.associations as Json).map((v) => v as Json)
      : [];
  const out: WireImage[] = [];
  for (const a of associations) {
    if (!isObject(a) || (str(a.type) && str(a.type) !== "picture" && str(a.type) !== "image")) continue;
    const renditions: Json[] = (
      Array.isArray(a.renditions)
        ? (a.renditions as unknown[])
        : a.renditions && typeof a.renditions === "object"
          ? Object.entries(a.renditions as Json).map(([name, r]) => (isObject(r) ? { ...r, name } : r))
          : []
    ).filter(isObject);
    // The largest rendition we could take (a type the media pipeline reads, not over its size
    // limit where stated), by width when given; else the association's own href or uri.
    const takeable = renditions.filter(
      (r) =>
        (!str(r.contenttype) || PICTURE_TYPES.test(str(r.contenttype))) && !(Number(r.sizeinbytes) > MAX_UPLOAD_BYTES),
    );
    const best = [...takeable].sort((x, y) => (Number(y.width) || 0) - (Number(x.width) || 0))[0];
    const url = str(best?.href) || str(a.href) || (str(a.uri).startsWith("http") ? str(a.uri) : "");
    if (!url) continue;
    out.push({
      url,
      caption: pick(a, "descriptions", "caption", "description_text") || undefined,
      credit: str(a.creditline) || str(a.byline) || str(a.by) || str(a.copyrightholder) || undefined,
      alt: pick(a, "headlines", "main", "headline") || undefined,
      ...(best ? { width: best.width, height: best.height, bytes: best.sizeinbytes } : {}),
    } as WireImage);
  }
  return out;
}
