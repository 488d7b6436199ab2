import { htmlToDocument } from "../../articles/document/html-to-document.js";
import { type ParsedFeed, type WireImage, checkItems } from "../wire-item.js";
import { AppError } from "../../platform/errors.js";
import { attr, list, parseXml, textOf } from "./xml.js";

// IPTC NewsML-G2: a newsMessage holding newsItems (or one newsItem alone). An item is identified by
// its guid and versioned by its version attribute; itemMeta/pubStatus "stat:canceled" is a kill;
// the text is the contentSet's inline XHTML, pictures are remoteContent of an image type.

export function parseNewsmlG2(input: string): ParsedFeed {
  const xml = parseXml(input, { stopNodes: ["*.inlineXML"] });
  const items: unknown[] = [];
  if (xml.newsItem) items.push(...list(xml.newsItem));
  const message = xml.newsMessage as Record<string, unknown> | undefined;
  if (message) for (const set of list(message.itemSet)) items.push(...list((set as Record<string, unknown>).newsItem));
  if (!xml.newsItem && !message) throw new AppError("BAD_REQUEST", "Neither a NewsML-G2 newsMessage nor a newsItem");
  return checkItems(items.map((node, index) => toItem(node as Record<string, unknown>, index)));
}

function qcodeOf(node: unknown): string {
  return (attr(node, "qcode") ?? attr(node, "literal") ?? textOf(node)).trim();
}

function toItem(item: Record<string, unknown>, index: number) {
  const guid = attr(item, "guid") ?? "";
  const meta = (list(item.itemMeta)[0] ?? {}) as Record<string, unknown>;
  const content = (list(item.contentMeta)[0] ?? {}) as Record<string, unknown>;
  const set = (list(item.contentSet)[0] ?? {}) as Record<string, unknown>;
  const status = qcodeOf(list(meta.pubStatus)[0])
    .replace(/^[a-z]+:/i, "")
    .toLowerCase();
  const headlines = list(content.headline);
  const summary = list(content.description).find((d) => /summary/.test(attr(d, "role") ?? "summary"));
  const xhtml = list(set.inlineXML)
    .map((n) => (typeof n === "object" && n !== null ? textOf((n as Record<string, unknown>)["#text"]) : textOf(n)))
    .join("\n");
  const link = list(meta.link).find((l) => /seeAlso|alternate|self/i.test(attr(l, "rel") ?? ""));
  const images: WireImage[] = list(set.remoteContent)
    .filter((r) => /^image\//.test(attr(r, "contenttype") ?? attr(r, "contentType") ?? ""))
    .map((r) => ({ url: attr(r, "href") ?? "", caption: textOf(summary) || undefined }));
  const urgency = Number(textOf(content.urgency));
  return {
    label: guid || `newsItem ${index + 1}`,
    item: {
      guid,
      version: Math.max(1, parseInt(attr(item, "version") ?? "1", 10) || 1),
      headline: textOf(headlines.find((h) => !attr(h, "role") || /main/.test(attr(h, "role") ?? "")) ?? headlines[0]),
      standfirst: textOf(summary),
      byline: list(content.by).map(textOf).join(", "),
      credit:
        textOf(content.creditline) ||
        textOf((list(meta.provider)[0] as Record<string, unknown> | undefined)?.name) ||
        attr(list(meta.provider)[0], "literal") ||
        "",
      body: htmlToDocument(xhtml, { baseUrl: attr(link, "href") }),
      urgency: Number.isInteger(urgency) && urgency >= 1 && urgency <= 9 ? urgency : null,
      pubStatus: status === "canceled" || status === "withheld" ? "canceled" : "usable",
      embargoAt: textOf(meta.embargoed).trim() || null,
      versionAt: textOf(meta.versionCreated).trim() || textOf(meta.firstCreated).trim() || null,
      url: attr(link, "href") ?? null,
      subjects: list(content.subject)
        .map((s) => textOf((s as Record<string, unknown>).name) || qcodeOf(s))
        .filter(Boolean),
      images,
    },
  };
}
