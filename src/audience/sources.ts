import type { SourceKind } from "./audience.table.js";

// Where a visit came from, from what the beacon sends: the referring page's host (never its path,
// which the browser keeps) and the campaign parameters of the page's own address. Our newsletter
// links carry utm_source=newsletter, utm_medium=email and the edition's key as utm_campaign
// (newsletters/edition-links.ts), so a visit from an email names its edition. Webmail strips the
// referrer, so without those parameters such a visit would look direct.

export interface SourceInput {
  /** The referring page's host, "" for none. */
  host: string;
  /** The site's own host: a referrer from it is internal. */
  siteHost: string;
  utmSource?: string | undefined;
  utmMedium?: string | undefined;
  utmCampaign?: string | undefined;
}

export interface Source {
  kind: SourceKind;
  /** The search engine or network's name, the referring domain, the newsletter edition, or "". */
  referrer: string;
  /** "utm_source/utm_medium/utm_campaign" when any is present, else "". */
  campaign: string;
}

/** Hosts (a suffix of the referrer's host, on a label boundary) and the name they are counted under. */
const SEARCH: [string, string][] = [
  ["google", "Google"],
  ["bing.com", "Bing"],
  ["duckduckgo.com", "DuckDuckGo"],
  ["search.yahoo.com", "Yahoo"],
  ["yahoo.com", "Yahoo"],
  ["ecosia.org", "Ecosia"],
  ["qwant.com", "Qwant"],
  ["startpage.com", "Startpage"],
  ["search.brave.com", "Brave Search"],
  ["kagi.com", "Kagi"],
  ["baidu.com", "Baidu"],
  ["yandex", "Yandex"],
  ["news.google.com", "Google News"],
];
const SOCIAL: [string, string][] = [
  ["facebook.com", "Facebook"],
  ["fb.me", "Facebook"],
  ["t.co", "X"],
  ["x.com", "X"],
  ["twitter.com", "X"],
  ["linkedin.com", "LinkedIn"],
  ["lnkd.in", "LinkedIn"],
  ["reddit.com", "Reddit"],
  ["instagram.com", "Instagram"],
  ["threads.net", "Threads"],
  ["bsky.app", "Bluesky"],
  ["youtube.com", "YouTube"],
  ["tiktok.com", "TikTok"],
  ["pinterest.com", "Pinterest"],
  ["whatsapp.com", "WhatsApp"],
  ["telegram.org", "Telegram"],
  ["news.ycombinator.com", "Hacker News"],
  ["mastodon.social", "Mastodon"],
];
const SOCIAL_UTM = new Set([
  "facebook",
  "twitter",
  "x",
  "linkedin",
  "reddit",
  "instagram",
  "bluesky",
  "threads",
  "social",
]);

/** "www.google.co.uk" matches "google" (a label) and "google.co.uk"; "notgoogle.com" does not. */
function named(host: string, list: [string, string][]): string | undefined {
  const labels = host.split(".");
  for (const [pattern, name] of list) {
    if (pattern.includes(".")) {
      if (host === pattern || host.endsWith(`.${pattern}`)) return name;
    } else if (labels.slice(0, -1).includes(pattern)) return name;
  }
  return undefined;
}

const clean = (v: string | undefined) => (v ?? "").trim().toLowerCase().slice(0, 100);

export function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "")
    .slice(0, 253);
}

export function classifySource(input: SourceInput): Source {
  const utm = [clean(input.utmSource), clean(input.utmMedium), clean(input.utmCampaign)];
  const campaign = utm.some(Boolean) ? utm.join("/") : "";
  const [utmSource, utmMedium, utmCampaign] = utm as [string, string, string];
  if ((utmSource === "newsletter" || utmMedium === "email") && utmMedium === "email" && utmCampaign)
    return { kind: "newsletter", referrer: utmCampaign, campaign };
  const host = normaliseHost(input.host);
  const site = normaliseHost(input.siteHost);
  if (host && host !== site) {
    const search = named(host, SEARCH);
    if (search) return { kind: "search", referrer: search, campaign };
    const social = named(host, SOCIAL);
    if (social) return { kind: "social", referrer: social, campaign };
    if (/^(mail|webmail|outlook)\./.test(host) || host === "outlook.live.com")
      return { kind: "newsletter", referrer: "", campaign };
    return { kind: "other", referrer: host, campaign };
  }
  // No referrer (or our own) but campaign parameters: a link someone tagged (a social post, an email).
  if (utmMedium === "email" || utmMedium === "newsletter") return { kind: "newsletter", referrer: "", campaign };
  if (utmMedium === "social" || SOCIAL_UTM.has(utmSource)) return { kind: "social", referrer: utmSource, campaign };
  if (utmMedium === "cpc" || utmMedium === "organic") return { kind: "search", referrer: utmSource, campaign };
  if (host) return { kind: "internal", referrer: "", campaign };
  return { kind: "direct", referrer: "", campaign };
}
