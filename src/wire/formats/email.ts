import { simpleParser } from "mailparser";
import { htmlToDocument, textToDocument } from "../../articles/document/html-to-document.js";
import { type ParsedFeed, checkItems } from "../wire-item.js";

// A press release by email: the subject is the headline, the text the body (the HTML part when
// there is one), the sender the credit. Its Message-ID is its id, so a message delivered twice is
// one item.

export async function parseEmail(raw: Buffer | string): Promise<ParsedFeed> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = mail.from?.value[0];
  const guid =
    mail.messageId ?? `${from?.address ?? "unknown"}@${mail.date?.toISOString() ?? ""}:${mail.subject ?? ""}`;
  return checkItems([
    {
      label: mail.subject ?? guid,
      item: {
        guid,
        version: 1,
        headline: mail.subject ?? "",
        standfirst: "",
        byline: from?.name ?? "",
        credit: from?.name || from?.address || "",
        body: typeof mail.html === "string" && mail.html ? htmlToDocument(mail.html) : textToDocument(mail.text ?? ""),
        urgency: null,
        pubStatus: "usable",
        embargoAt: null,
        versionAt: mail.date?.toISOString() ?? null,
        url: null,
        subjects: [],
        images: [],
      },
    },
  ]);
}
