import { htmlToDocument } from "../../articles/document/html-to-document.js";
import { type ParsedFeed, type WireImage, checkItems } from "../wire-item.js";
import { AppError } from "../../platform/errors.js";
import { attr, list, parseXml, textOf } from "./xml.js";

// IPTC NewsML-G2: a newsMessage holding newsItems (or one newsItem alone). An item is identified by
// its guid and versioned by its version attribute; itemMeta/pubStatus "stat:canceled" is a kill;
// the text is the contentSet's inline XHTML. Pictures are the text item's own remoteContent of an
// image type, and the picture items (itemClass ninat:picture or ninat:graphic) of the same message
// that the text item links to by guid (link residref), with their caption and credit. A picture
// item is not copy: it goes with the text that names it, never into the queue on its own.

type Node = Record<string, unknown>;

const PICTURE_CLASSES = /^ninat:(picture|graphic)$/i;
const PICTURE_TYPES = /^image\/(jpeg|png|webp|avif|gif)$/i;

export function parseNewsmlG2(input: string): ParsedFeed {
  const xml = parseXml(input, { stopNodes: ["*.inlineXML"] });
  const nodes: Node[] = [];
  if (xml.newsItem) nodes.push(...(list(xml.newsItem) as Node[]));
  const message = xml.newsMessage as Node | undefined;
  if (message) for (const set of list(message.itemSet)) nodes.push(...(list((set as Node).newsItem) as Node[]));
  if (!xml.newsItem && !message) throw new AppError("BAD_REQUEST", "Neither a NewsML-G2 newsMessage nor a newsItem");
  const isPicture = (n: Node) => PICTURE_CLASSES.test(qcodeOf(list(metaOf(n).itemClass)[0]));
  const pictures = new Map<string, WireImage>();
  for (const node of nodes.filter(isPicture)) {
    const picture = pictureItem(node);
    if (picture) pictures.set(attr(node, "guid") ?? "", picture);
  }
  return checkItems(nodes.filter((n) => !isPicture(n)).map((node, index) => toItem(node, index, pictures)));
}

const metaOf = (item: Node) => (list(item.itemMeta)[0] ?? {}) as Node;
const firstOf = (node: unknown, name: string) => (list((node as Node | undefined)?.[name])[0] ?? {}) as Node;

/** The largest remoteContent the media pipeline could take (a type it reads), by width when given. */
function bestRendition(set: Node): WireImage | undefined {
  const best = list(set.remoteContent)
    .filter((r) => attr(r, "href") && PICTURE_TYPES.test(attr(r, "contenttype") ?? attr(r, "contentType") ?? ""))
    .sort((x, y) => (Number(attr(y, "width")) || 0) - (Number(attr(x, "width")) || 0))[0];
  if (!best) return undefined;
  return {
    url: attr(best, "href") ?? "",
    width: attr(best, "width"),
    height: attr(best, "height"),
    bytes: attr(best, "size"),
  } as unknown as WireImage;
}

function pictureItem(item: Node): WireImage | undefined {
  const rendition = bestRendition(firstOf(item, "contentSet"));
  if (!rendition) return undefined;
  const content = firstOf(item, "contentMeta");
  const descriptions = list(content.description);
  const caption = descriptions.find((d) => /caption/.test(attr(d, "role") ?? "")) ?? descriptions[0];
  return {
    ...rendition,
    caption: textOf(caption) || undefined,
    credit: textOf(content.creditline) || list(content.by).map(textOf).join(", ") || undefined,
    alt: textOf(list(content.headline)[0]) || undefined,
  };
}

function qcodeOf(node: unknown): string {
  return (attr(node, "qcode") ?? attr(node, "literal") ?? textOf(node)).trim();
}

function toItem(item: Node, index: number, pictures: Map<string, WireImage>) {
  const guid = attr(item, "guid") ?? "";
  const meta = metaOf(item);
  const content = firstOf(item, "contentMeta");
  const set = firstOf(item, "contentSet");
  const status = qcodeOf(list(meta.pubStatus)[0])
    .replace(/^[a-z]+:/i, "")
    .toLowerCase();
  const headlines = list(content.headline);
  const summary = list(content.description).find((d) => /summary/.test(attr(d, "role") ?? "summary"));
  const xhtml = list(set.inlineXML)
    .map((n) => (typeof n === "object" && n !== null ? textOf((n as Record<string, unknown>)["#text"]) : textOf(n)))
    .join("\n");
  const link = list(meta.link).find((l) => /seeAlso|alternate|self/i.test(attr(l, "rel") ?? "") && attr(l, "href"));
  const own = bestRendition(set);
  const linked = list(meta.link).flatMap((l) => pictures.get(attr(l, "residref") ?? "") ?? []);
  // In the order they appear: itemMeta's links come before the contentSet.
  const images: WireImage[] = [...linked, ...(own ? [own] : [])];
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
