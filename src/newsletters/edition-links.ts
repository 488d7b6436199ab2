import type { EditionEmail } from "./email/edition-email.js";

// Links from an edition to the site carry the edition (docs/adr/029): utm_source=newsletter,
// utm_medium=email, utm_campaign=<edition key>, so the audience desk counts the visits each
// edition brought without any open-tracking pixel. Webmail hides the referrer; the address keeps
// this. Links that act for the subscriber (preferences, unsubscribe) and images are left alone.

const SKIP = /^\/(?:newsletters\/|media\/|assets\/)/;

export function editionLinkParams(key: string): string {
  return `utm_source=newsletter&utm_medium=email&utm_campaign=${encodeURIComponent(key)}`;
}

function tag(url: string, siteUrl: string, params: string): string {
  const path = url.slice(siteUrl.length);
  if (path !== "" && !/^[/?#]/.test(path)) return url; // another host that starts like ours
  if (SKIP.test(path) || /(?:[?&;])utm_campaign=/.test(path)) return url;
  // Links that already name the newsletter (utm_source, utm_medium) get the edition added.
  if (/(?:[?&;])utm_medium=/.test(path)) params = params.replace(/^utm_source=[^&]*&utm_medium=[^&]*&/, "");
  const hash = url.indexOf("#");
  const [base, fragment] = hash === -1 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  return `${base}${base.includes("?") ? "&" : "?"}${params}${fragment}`;
}

export function tagEditionLinks(email: EditionEmail, siteUrl: string, key: string): EditionEmail {
  const params = editionLinkParams(key);
  const site = siteUrl.replace(/\/$/, "");
  const escaped = site.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const href = new RegExp(`href="(${escaped}[^"]*)"`, "g");
  const bare = new RegExp(`${escaped}[^\\s<>"]*`, "g");
  return {
    ...email,
    // In HTML the params' "&" is written as "&amp;".
    html: email.html.replace(
      href,
      (_m, url: string) => `href="${tag(url, site, params).replace(/&(?!amp;)/g, "&amp;")}"`,
    ),
    text: email.text.replace(bare, (url) => tag(url, site, params)),
  };
}
