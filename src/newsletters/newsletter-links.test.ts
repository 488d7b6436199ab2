import { describe, expect, it } from "vitest";
import { toSendMailOptions } from "../platform/mail/mail.message.js";
import { createSigner } from "../platform/signing.js";
import { newsletterLinks, unsubscribeMailbox } from "./newsletter-links.js";

const links = newsletterLinks("https://news.example", createSigner("a test key"));

/** The subject a mail client fills in from a mailto (RFC 6068 §2: percent-decoded; "+" stays a plus). */
const subjectOf = (mailto: string) => decodeURIComponent(/[?&]subject=([^&]*)/.exec(mailto)![1]!);

describe("the mailto unsubscribe", () => {
  it("writes to the site's unsubscribe mailbox with a subject that names subscriber and newsletter", () => {
    expect(unsubscribeMailbox("https://news.example")).toBe("unsubscribe@news.example");
    const mailto = links.mailtoUnsubscribe(42, "morning-headlines");
    expect(mailto).toMatch(/^unsubscribe@news\.example\?subject=unsubscribe%2042\.morning-headlines\.[\w-]{32}$/);
    const subject = subjectOf(mailto);
    expect(links.readMailUnsubscribe(subject)).toEqual({ subscriberId: 42, newsletter: "morning-headlines" });
    // What a reply or a client adds around the token does not matter.
    expect(links.readMailUnsubscribe(`Re: ${subject} (sent from my phone)`)).toEqual({
      subscriberId: 42,
      newsletter: "morning-headlines",
    });
    // The mail platform takes it as it is.
    const options = toSendMailOptions(
      {
        to: "r@example.org",
        subject: "s",
        html: "h",
        text: "t",
        listUnsubscribe: { url: "https://x.example", mailto },
      },
      "n@news.example",
    );
    expect(options.list).toEqual({ unsubscribe: [["https://x.example/", `mailto:${mailto}`]] });
  });

  it("reads nothing from a token that was changed, made with another key or cut short", () => {
    const [, token] = subjectOf(links.mailtoUnsubscribe(42, "morning-headlines")).split(" ");
    const [, , mac] = token!.split(".");
    const other = newsletterLinks("https://news.example", createSigner("another key"));
    for (const text of [
      `unsubscribe 43.morning-headlines.${mac}`,
      `unsubscribe 42.breaking-news.${mac}`,
      `unsubscribe 42.morning-headlines.${mac!.slice(0, -1)}`,
      `unsubscribe 42.morning-headlines.${mac}x`,
      `unsubscribe 142.morning-headlines.${mac}`,
      `unsubscribe 0.morning-headlines.${mac}`,
      subjectOf(other.mailtoUnsubscribe(42, "morning-headlines")),
      "unsubscribe",
      "",
    ]) {
      expect(links.readMailUnsubscribe(text), text).toBeUndefined();
    }
  });
});
