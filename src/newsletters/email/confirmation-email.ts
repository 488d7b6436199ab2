import { type EmailDocument, renderEmailHtml, renderEmailText } from "../../platform/mail/email-document.js";

export interface BuiltEmail {
  subject: string;
  html: string;
  text: string;
}

export function confirmationEmail(input: {
  siteName: string;
  siteUrl: string;
  newsletters: string[];
  confirmUrl: string;
  days: number;
}): BuiltEmail {
  const names = input.newsletters.join(", ");
  const doc: EmailDocument = {
    siteName: input.siteName,
    siteUrl: input.siteUrl,
    title: `Confirm your ${input.siteName} newsletters`,
    preheader: `One click to start ${names}.`,
    blocks: [
      { type: "heading", text: "Confirm your sign-up" },
      {
        type: "paragraph",
        text: `Someone, we hope you, asked to receive ${names} from ${input.siteName} at this address. Confirm and the first one arrives with the next edition.`,
      },
      { type: "button", text: "Yes, sign me up", href: input.confirmUrl },
      {
        type: "paragraph",
        muted: true,
        text: `The link works for ${input.days} days. If you did not ask for this, ignore this email: nothing more will be sent.`,
      },
    ],
    footer: {
      text: `You received this because the address was entered on ${input.siteName}.`,
      links: [{ text: input.siteName, href: input.siteUrl }],
    },
  };
  return {
    subject: `Confirm your ${input.siteName} newsletters`,
    html: renderEmailHtml(doc),
    text: renderEmailText(doc),
  };
}
