import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Db } from "../database.js";
import type { InboundServer } from "../platform/mail/inbound.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { type NewsletterLinks, newsletterLinks } from "./newsletter-links.js";
import { sendBreakingAlert } from "./newsletter-jobs.js";
import { startUnsubscribeMailbox } from "./unsubscribe-mailbox.js";

// The mailto of List-Unsubscribe, for real: the listener the server starts with INBOUND_SMTP_PORT, on a
// loopback port, written to by nodemailer as a reader's mail client would, and the subscription read
// back from the database.

const SITE_URL = "https://news.example";
const MAILBOX = "unsubscribe@news.example";

async function subscribe(db: Db, email: string, slugs: string[]): Promise<number> {
  const at = "2026-06-01T00:00:00Z";
  const person = await db
    .insertInto("subscribers")
    .values({ email, created_at: at, updated_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const slug of slugs) {
    const n = await db.selectFrom("newsletters").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    await db
      .insertInto("subscriptions")
      .values({ subscriber_id: person.id, newsletter_id: n.id, status: "confirmed", created_at: at, updated_at: at })
      .execute();
  }
  return person.id;
}

async function statuses(db: Db, subscriberId: number): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom("subscriptions as s")
    .innerJoin("newsletters as n", "n.id", "s.newsletter_id")
    .select(["n.slug", "s.status"])
    .where("s.subscriber_id", "=", subscriberId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.slug, r.status]));
}

/** A mailto URI's address and subject as a mail client reads them (RFC 6068 §2: "+" is a plus, %XX a byte). */
function readMailto(uri: string): { to: string; subject: string | undefined } {
  const m = /^mailto:([^?]*)(?:\?(.*))?$/.exec(uri);
  if (!m) throw new Error(`not a mailto URI: ${uri}`);
  const fields = new Map(
    (m[2] ?? "")
      .split("&")
      .filter(Boolean)
      .map((pair) => {
        const [name = "", value = ""] = pair.split("=");
        return [decodeURIComponent(name).toLowerCase(), decodeURIComponent(value)] as const;
      }),
  );
  return { to: decodeURIComponent(m[1]!), subject: fields.get("subject") };
}

describeEachDatabase("the mailto unsubscribe", (get) => {
  let listener: InboundServer;
  let links: NewsletterLinks;
  let reader: number;
  const logs: { result?: string }[] = [];
  const logger = {
    info: (obj: object) => logs.push(obj),
    warn: (obj: object) => logs.push(obj),
  };
  const client = () =>
    nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });
  const write = (mail: { to?: string; subject?: string; text?: string; from?: string }) =>
    client().sendMail({ from: "reader@example.org", to: MAILBOX, text: "", ...mail });

  beforeAll(async () => {
    const db = get().handle.db;
    links = newsletterLinks(SITE_URL, await loadSigner(db));
    listener = await startUnsubscribeMailbox(
      { db, links, siteUrl: SITE_URL, now: () => new Date(), logger },
      { host: "127.0.0.1", port: 0 },
    );
  });
  afterAll(() => listener?.close());
  beforeEach(async () => {
    logs.length = 0;
    const db = get().handle.db;
    await db.deleteFrom("subscriptions").execute();
    await db.deleteFrom("subscribers").execute();
    reader = await subscribe(db, "reader@example.org", ["morning-headlines", "breaking-news"]);
  });

  it("unsubscribes the reader the subject names from that newsletter only, and a repeat is harmless", async () => {
    const db = get().handle.db;
    const { to, subject } = readMailto(`mailto:${links.mailtoUnsubscribe(reader, "morning-headlines")}`);
    expect(to).toBe(MAILBOX);
    const sent = await write({ subject });
    expect(sent.response).toMatch(/^250 /);
    expect(await statuses(db, reader)).toEqual({ "morning-headlines": "unsubscribed", "breaking-news": "confirmed" });

    const again = await write({ subject });
    expect(again.response).toMatch(/^250 /);
    expect(await statuses(db, reader)).toEqual({ "morning-headlines": "unsubscribed", "breaking-news": "confirmed" });
    expect(logs.map((l) => l.result).filter(Boolean)).toEqual(["unsubscribed", "unsubscribed"]);
  });

  it("reads the token from the first line of the body when the subject lost it", async () => {
    const db = get().handle.db;
    const { subject } = readMailto(`mailto:${links.mailtoUnsubscribe(reader, "breaking-news")}`);
    await write({ subject: "", text: `\n${subject}\n\n-- \nSent from my phone` });
    expect(await statuses(db, reader)).toEqual({ "morning-headlines": "confirmed", "breaking-news": "unsubscribed" });
  });

  it("takes a forged, tampered or missing token (250) and does nothing, whatever the From says", async () => {
    const db = get().handle.db;
    const victim = await subscribe(db, "victim@example.org", ["morning-headlines"]);
    const { subject } = readMailto(`mailto:${links.mailtoUnsubscribe(reader, "morning-headlines")}`);
    const mac = subject!.split(".").at(-1)!;
    const forged = [
      `unsubscribe ${victim}.morning-headlines.${mac}`, // someone else's id under the reader's MAC
      `unsubscribe ${reader}.breaking-news.${mac}`, // another newsletter
      `unsubscribe ${reader}.morning-headlines.${mac.slice(1)}A`,
      "unsubscribe",
      "please remove me",
    ];
    for (const text of forged) {
      const sent = await write({ from: "victim@example.org", subject: text });
      expect(sent.response, text).toMatch(/^250 /);
    }
    expect(await statuses(db, victim)).toEqual({ "morning-headlines": "confirmed" });
    expect(await statuses(db, reader)).toEqual({ "morning-headlines": "confirmed", "breaking-news": "confirmed" });
    expect(logs.map((l) => l.result)).toEqual(forged.map(() => "no-token"));
  });

  it("refuses other recipients with 550 and messages over 64 KB with 552, doing nothing", async () => {
    const db = get().handle.db;
    const { subject } = readMailto(`mailto:${links.mailtoUnsubscribe(reader, "morning-headlines")}`);
    for (const to of ["editor@news.example", "unsubscribe@elsewhere.example"]) {
      await expect(write({ to, subject }), to).rejects.toMatchObject({ responseCode: 550 });
    }
    await expect(write({ subject, text: "x".repeat(70 * 1024) })).rejects.toMatchObject({ responseCode: 552 });
    expect(await statuses(db, reader)).toEqual({ "morning-headlines": "confirmed", "breaking-news": "confirmed" });
  });

  it("unsubscribes through the List-Unsubscribe mailto of an alert actually sent", async () => {
    const { handle, config } = get();
    const db = handle.db;
    const inbox: MailInbox = await startMailInbox();
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    try {
      const section = await buildSection(db, { slug: "mailto-uk", name: "UK" });
      const story = await buildArticle(db, {
        sectionId: section.id,
        slug: "mailto-story",
        headline: "Thames barrier closes for the spring tide",
        publishedAt: new Date(),
      });
      const deps = {
        db,
        mailer,
        links,
        site: { name: "London Daily", url: SITE_URL, timeZone: "Europe/London" },
        now: () => new Date(),
      };
      await sendBreakingAlert(deps, story.id);
      const [mail] = await inbox.waitFor(1);
      const header = mail!.headerLines.find((h) => h.key === "list-unsubscribe")!.line;
      // RFC 2369 §2: angle-bracketed URIs, comma-separated, possibly folded over several lines.
      const uris = [...header.replace(/^List-Unsubscribe:/i, "").matchAll(/<([^>]*)>/g)].map((m) =>
        m[1]!.replace(/\s+/g, ""),
      );
      const mailto = uris.find((u) => u.startsWith("mailto:"));
      expect(mailto).toBeDefined();
      const { to, subject } = readMailto(mailto!);
      expect(to).toBe(MAILBOX);

      await write({ to, subject });
      expect(await statuses(db, reader)).toEqual({ "morning-headlines": "confirmed", "breaking-news": "unsubscribed" });
    } finally {
      await mailer.close();
      await inbox.close();
    }
  });
});
