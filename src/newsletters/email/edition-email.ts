import { escapeHtml } from "../../platform/mail/prepared-message.js";
import type { Image } from "../../media/image.js";
import { MORNING_HEADLINES } from "../../briefings/briefing.queries.js";
import type { Edition } from "../edition.js";
import { fromNewsletter } from "../newsletter-links.js";
import {
  type EmailBlock,
  type EmailDocument,
  renderEmailHtml,
  renderEmailText,
} from "../../platform/mail/email-document.js";

/** Stand-ins for the per-recipient links, replaced for each subscriber (render once, send many). */
export const PREFERENCES_SLOT = "https://preferences.invalid/slot";
export const UNSUBSCRIBE_SLOT = "https://unsubscribe.invalid/slot";

export interface EditionEmail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

const LEAD_WIDTH = 536;

/** The edition as an email, with slots for the recipient's own preferences and unsubscribe links. */
export function editionEmail(edition: Edition, site: { name: string; url: string }): EditionEmail {
  const abs = (path: string) => (path.startsWith("http") ? path : `${site.url}${path}`);
  const story = (path: string) => fromNewsletter(abs(path), MORNING_HEADLINES);
  const blocks: EmailBlock[] = [{ type: "heading", text: "Morning Headlines" }];
  if (edition.intro) blocks.push({ type: "paragraph", text: edition.intro });
  if (edition.lead) {
    const hero = edition.lead.article.hero;
    blocks.push({
      type: "story",
      kicker: edition.lead.article.kicker || edition.lead.article.section.name,
      headline: edition.lead.article.headline,
      href: story(edition.lead.article.url),
      line: edition.lead.line,
      ...(hero
        ? {
            image: {
              src: abs(emailImageSrc(hero, LEAD_WIDTH)),
              alt: hero.alt,
              width: LEAD_WIDTH,
              height: Math.round((LEAD_WIDTH * hero.height) / hero.width),
            },
          }
        : {}),
    });
  }
  if (edition.top.length) {
    blocks.push({ type: "section", title: "Top stories" });
    for (const { article, line } of edition.top) {
      blocks.push({ type: "story", headline: article.headline, href: story(article.url), line });
    }
  }
  for (const section of edition.sections) {
    blocks.push({ type: "section", title: section.name });
    for (const { article, line } of section.items) {
      blocks.push({ type: "story", headline: article.headline, href: story(article.url), line });
    }
  }
  if (edition.video) {
    blocks.push({ type: "section", title: "Watch" });
    blocks.push({
      type: "story",
      headline: edition.video.title,
      href: story(edition.video.url ?? `/video/${edition.video.slug}`),
      line: edition.video.description,
      ...(edition.video.poster
        ? {
            image: {
              src: abs(emailImageSrc(edition.video.poster, LEAD_WIDTH)),
              alt: `Still from the video: ${edition.video.title}`,
              width: LEAD_WIDTH,
              height: Math.round((LEAD_WIDTH * edition.video.poster.height) / edition.video.poster.width),
            },
          }
        : {}),
    });
  }
  // The edition's summary (its intro) is what the inbox preview shows; without one, the lead story.
  const preheader = edition.intro || (edition.lead ? edition.lead.article.headline : edition.title);
  const doc: EmailDocument = {
    siteName: site.name,
    siteUrl: site.url,
    title: edition.title,
    preheader,
    webUrl: abs(edition.webPath),
    blocks,
    footer: {
      text: `You receive Morning Headlines because you signed up at ${site.name}.`,
      links: [
        { text: "Manage your newsletters", href: PREFERENCES_SLOT },
        { text: "Unsubscribe", href: UNSUBSCRIBE_SLOT },
      ],
    },
  };
  return { subject: edition.title, preheader, html: renderEmailHtml(doc), text: renderEmailText(doc) };
}

/**
 * An image for an email shown `displayWidth` px wide: the narrowest variant in the original's own format (JPEG,
 * PNG — WebP and AVIF do not show in every client, Outlook on Windows among them) at least twice that wide, for
 * sharp 2× screens, else the widest there is; the original only when no such variant exists (seeded images).
 */
export function emailImageSrc(image: Pick<Image, "src" | "fallback">, displayWidth: number): string {
  const fallback = image.fallback ?? [];
  const covering = fallback.find((v) => v.width >= displayWidth * 2) ?? fallback.at(-1);
  return covering?.src ?? image.src;
}

/**
 * The email for one recipient: their own links in place of the slots (previews and test sends; a send fills
 * the same slots, escaped the same way, in the mailer's prepared message).
 */
export function personalise(email: EditionEmail, links: { preferences: string; unsubscribe: string }) {
  const fill = (s: string, escape: (v: string) => string) =>
    s.replaceAll(PREFERENCES_SLOT, escape(links.preferences)).replaceAll(UNSUBSCRIBE_SLOT, escape(links.unsubscribe));
  return { html: fill(email.html, escapeHtml), text: fill(email.text, (v) => v) };
}
