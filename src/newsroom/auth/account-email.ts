import { type EmailDocument, renderEmailHtml, renderEmailText } from "../../platform/mail/email-document.js";
import type { NewsroomDeps } from "../../platform/admin/newsroom-deps.js";
import type { Role } from "../../platform/admin/permissions.js";

/** The password-reset and invitation emails, through the same email model as the newsletters. */
export function accountEmail(
  deps: Pick<NewsroomDeps, "config">,
  input: { kind: "reset" | "invite"; name: string; url: string; role?: Role },
): { subject: string; html: string; text: string } {
  const site = deps.config.siteName;
  const reset = input.kind === "reset";
  const subject = reset ? `Reset your ${site} newsroom password` : `${input.name} invited you to the ${site} newsroom`;
  const doc: EmailDocument = {
    siteName: site,
    siteUrl: deps.config.siteUrl,
    title: subject,
    preheader: reset ? "The link works once, for one hour." : "The link works once, for seven days.",
    blocks: reset
      ? [
          { type: "heading", text: "Reset your password" },
          {
            type: "paragraph",
            text: `Hello ${input.name}, someone asked to reset the password of your ${site} newsroom account. Choose a new one here; every device signed in to your account will be signed out.`,
          },
          { type: "button", text: "Choose a new password", href: input.url },
          {
            type: "paragraph",
            muted: true,
            text: "The link works once and for one hour. If you did not ask for this, ignore this email: your password stays as it is.",
          },
        ]
      : [
          { type: "heading", text: `Join the ${site} newsroom` },
          {
            type: "paragraph",
            text: `${input.name} invited you to the ${site} newsroom as ${input.role === "admin" || input.role === "editor" ? "an" : "a"} ${input.role}. Choose your name and password to start.`,
          },
          { type: "button", text: "Accept the invitation", href: input.url },
          { type: "paragraph", muted: true, text: "The link works once and for seven days." },
        ],
    footer: { text: `Sent by the ${site} newsroom.`, links: [{ text: site, href: deps.config.siteUrl }] },
  };
  return { subject, html: renderEmailHtml(doc), text: renderEmailText(doc) };
}
