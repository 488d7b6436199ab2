import type { EmailBlock, EmailDocument } from "../../platform/mail/email-document.js";
import { PREFERENCES_SLOT, UNSUBSCRIBE_SLOT } from "./edition-email.js";

/** The document of a newsletter email: the blocks, then the footer every newsletter carries. */
export function newsletterDocument(input: {
  site: { name: string; url: string };
  newsletterName: string;
  title: string;
  preheader: string;
  blocks: EmailBlock[];
  webUrl?: string;
}): EmailDocument {
  return {
    siteName: input.site.name,
    siteUrl: input.site.url,
    title: input.title,
    preheader: input.preheader,
    ...(input.webUrl ? { webUrl: input.webUrl } : {}),
    blocks: input.blocks,
    footer: {
      text: `You receive ${input.newsletterName} because you signed up at ${input.site.name}.`,
      links: [
        { text: "Manage your newsletters", href: PREFERENCES_SLOT },
        { text: "Unsubscribe", href: UNSUBSCRIBE_SLOT },
      ],
    },
  };
}

/** The first words of a text, at most `max` characters, cut at a word boundary. */
export function excerpt(text: string, max = 320): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max / 2 ? space : cut.length).replace(/[\s,;:.]+$/, "")}…`;
}
