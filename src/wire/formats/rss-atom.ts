import { htmlToDocument, textToDocument } from "../../articles/document/html-to-document.js";
import { type ParsedFeed, type WireImage, checkItems } from "../wire-item.js";
import { AppError } from "../../platform/errors.js";
import { attr, list, parseXml, rawHtml, rawText, textOf } from "./xml.js";

// RSS 2.0 and Atom (RFC 4287). Neither has versions or kills: an item's id is its guid (or link,
// or title and date when it has neither), and a changed item is a new version when its updated
// time moves on.

const STOP = ["*.description", "*.encoded", "*.content", "*.summary", "*.title"];

export function parseRssOrAtom(input: string, feedUrl?: string): ParsedFeed {
  const xml = parseXml(input, { stopNodes: STOP });
  if (xml.rss && typeof xml.rss === "object") return parseRss(xml.rss as Record<string, unknown>, feedUrl);
  if (xml.feed && typeof xml.feed === "object") return parseAtom(xml.feed as Record<string, unknown>, feedUrl);
  throw new AppError("BAD_REQUEST", "Neither an RSS 2.0 (<rss>) nor an Atom (<feed>) document");
}

function parseRss(rss: Record<string, unknown>, feedUrl?: string): ParsedFeed {
  const channel = (list(rss.channel)[0] ?? {}) as Record<string, unknown>;
  const credit = rawText(channel.title);
  const raw = list(channel.item).map((node, index) => {
    const item = node as Record<string, unknown>;
    const link = textOf(item.link).trim() || null;
    const title = rawText(item.title);
    const pubDate = textOf(item.pubDate).trim() || textOf(item.date).trim() || null;
    const guid = textOf(item.guid).trim() || link || (title && pubDate ? `${title}@${pubDate}` : "");
    const html = rawHtml(item.encoded) || rawHtml(item.description);
    const base = link ?? feedUrl;
    const images: WireImage[] = [];
    for (const enclosure of list(item.enclosure)) {
      const url = attr(enclosure, "url");
      if (url && (attr(enclosure, "type") ?? "").startsWith("image/")) images.push({ url });
    }
    for (const media of [...list(item.content), ...list(item.thumbnail)]) {
      const url = attr(media, "url");
      if (url && (attr(media, "medium") === "image" || /\.(jpe?g|png|webp|gif)(\?|$)/i.test(url))) images.push({ url });
    }
    return {
      label: guid || `item ${index + 1}`,
      item: {
        guid,
        version: 1,
        headline: title,
        standfirst: item.encoded ? rawText(item.description).slice(0, 1000) : "",
        byline: list(item.creator).map(textOf).join(", ") || textOf(item.author),
        credit,
        body: html ? htmlToDocument(html, { baseUrl: base }) : textToDocument(""),
        urgency: null,
        pubStatus: "usable",
        embargoAt: null,
        versionAt: pubDate,
        url: link,
        subjects: list(item.category).map(textOf).filter(Boolean),
        images,
      },
    };
  });
  return checkItems(raw);
}

function parseAtom(feed: Record<string, unknown>, feedUrl?: string): ParsedFeed {
  const credit = rawText(feed.title);
  const raw = list(feed.entry).map((node, index) => {
    const entry = node as Record<string, unknown>;
    const links = list(entry.link);
    const alternate = links.find((l) => (attr(l, "rel") ?? "alternate") === "alternate");
    const link = attr(alternate, "href") ?? null;
    const base = link ?? feedUrl;
    const html = rawHtml(entry.content) || rawHtml(entry.summary);
    const type = attr(list(entry.content)[0] ?? list(entry.summary)[0], "type") ?? "text";
    const id = textOf(entry.id).trim() || link || "";
    const images: WireImage[] = links
      .filter((l) => attr(l, "rel") === "enclosure" && (attr(l, "type") ?? "").startsWith("image/"))
      .map((l) => ({ url: attr(l, "href") ?? "" }));
    return {
      label: id || `entry ${index + 1}`,
      item: {
        guid: id,
        version: 1,
        headline: rawText(entry.title),
        standfirst: entry.content ? rawText(entry.summary).slice(0, 1000) : "",
        byline: list(entry.author)
          .map((a) => textOf((a as Record<string, unknown>).name))
          .filter(Boolean)
          .join(", "),
        credit,
        body: type === "text" ? textToDocument(html) : htmlToDocument(html, { baseUrl: base }),
        urgency: null,
        pubStatus: "usable",
        embargoAt: null,
        versionAt: textOf(entry.updated).trim() || textOf(entry.published).trim() || null,
        url: link,
        subjects: list(entry.category)
          .map((c) => attr(c, "label") ?? attr(c, "term") ?? "")
          .filter(Boolean),
        images,
      },
    };
  });
  return checkItems(raw);
}
