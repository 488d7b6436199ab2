import { XMLParser } from "fast-xml-parser";
import { AppError } from "../../platform/errors.js";

// XML from outside is parsed with no document type at all: a feed has no need of one, and a DTD is
// how external entities (reading files, reaching hosts) and entity-expansion bombs ("billion
// laughs") get in. Only XML's five predefined entities and character references are decoded.

export const MAX_FEED_BYTES = 20 * 1024 * 1024;

export function parseXml(input: string, options: { stopNodes?: string[] } = {}): Record<string, unknown> {
  if (input.length > MAX_FEED_BYTES)
    throw new AppError("BAD_REQUEST", `The feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB`);
  if (/<!DOCTYPE|<!ENTITY/i.test(input)) {
    throw new AppError("BAD_REQUEST", "The feed declares a document type (DTD); wire feeds with a DTD are refused");
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    processEntities: true,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    stopNodes: options.stopNodes,
    isArray: (_name, jpath) => ARRAYS.has(String(jpath).split(".").slice(-1)[0] ?? ""),
  });
  try {
    const start = input.trimStart();
    if (!start.startsWith("<")) throw new Error("it does not start with a tag");
    return parser.parse(input, true) as Record<string, unknown>;
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The feed is not well-formed XML: ${(error as Error).message.slice(0, 200)}`);
  }
}

/** Elements that may repeat, always read as arrays. */
const ARRAYS = new Set([
  "item",
  "entry",
  "link",
  "category",
  "newsItem",
  "subject",
  "headline",
  "by",
  "inlineXML",
  "remoteContent",
  "description",
  "creator",
  "author",
  "slugline",
  "itemRef",
  "itemref",
  "contributor",
]);

/** The text of an element whether the parser gave a string, an object with #text, or an array. */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === "object") {
    const n = node as Record<string, unknown>;
    if ("#text" in n) return textOf(n["#text"]);
    return Object.entries(n)
      .filter(([k]) => !k.startsWith("@"))
      .map(([, v]) => textOf(v))
      .join(" ");
  }
  return "";
}

export function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
  const v = (node as Record<string, unknown>)[`@${name}`];
  return v === undefined ? undefined : String(v);
}

export function list(node: unknown): unknown[] {
  if (node === undefined || node === null) return [];
  return Array.isArray(node) ? node : [node];
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Raw element content kept as a stop node → the HTML it carries: CDATA unwrapped, escaped markup decoded. */
export function rawHtml(node: unknown): string {
  const raw =
    typeof node === "object" && node !== null && !Array.isArray(node)
      ? textOf((node as Record<string, unknown>)["#text"])
      : textOf(node);
  const type = attr(Array.isArray(node) ? node[0] : node, "type");
  if (type === "xhtml") return raw;
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith("<![CDATA[")
        ? part.slice(9, -3)
        : part.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
            if (ref[0] !== "#") return XML_ENTITIES[ref.toLowerCase()] ?? whole;
            const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
            return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
          }),
    )
    .join("");
}

/** Plain text from raw content that may hold markup (a title of type html). */
export function rawText(node: unknown): string {
  return rawHtml(node)
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos|nbsp);/gi, (w, ref: string) =>
      ref.toLowerCase() === "nbsp" ? " " : rawHtml(w),
    )
    .replace(/\s+/g, " ")
    .trim();
}
