import type { BuiltEmail } from "./confirmation-email.js";
import { type EmailDocument, renderEmailHtml, renderEmailText } from "../../platform/mail/email-document.js";

/** A fresh preferences link, asked for from an expired one (or from an unsubscribe page). */
export function preferencesLinkEmail(input: {
  siteName: string;
  siteUrl: string;
  preferencesUrl: string;
  days: number;
}): BuiltEmail {
  const doc: EmailDocument = {
    siteName: input.siteName,
    siteUrl: input.siteUrl,
    title: `Your ${input.siteName} newsletters`,
    preheader: "A new link to choose which newsletters you receive.",
    blocks: [
      { type: "heading", text: "Choose your newsletters" },
      {
        type: "paragraph",
        text: `Someone, we hope you, asked for a new link to manage the ${input.siteName} newsletters sent to this address.`,
      },
      { type: "button", text: "Manage my newsletters", href: input.preferencesUrl },
      {
        type: "paragraph",
        muted: true,
        text: `The link works for ${input.days} days. If you did not ask for it, ignore this email: nothing has changed.`,
      },
    ],
    footer: {
      text: `You received this because a link from one of our emails to this address was used on ${input.siteName}.`,
      links: [{ text: input.siteName, href: input.siteUrl }],
    },
  };
  return {
    subject: `A new link to manage your ${input.siteName} newsletters`,
    html: renderEmailHtml(doc),
    text: renderEmailText(doc),
  };
}
