import { readFile } from "node:fs/promises";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Db } from "../database.js";
import type { InboundServer } from "../platform/mail/inbound.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { startMailInbox } from "../../test/support/mail-inbox.js";
import { startNewsletterMailboxes } from "./bounce-mailbox.js";
import { countDeliveryReports } from "./delivery-report.queries.js";
import { type NewsletterLinks, newsletterLinks } from "./newsletter-links.js";
import { sendBreakingAlert } from "./newsletter-jobs.js";

// Bounces and complaints that arrive after the send, for real: DSN and ARF messages written to the bounce
// address over SMTP (with the null sender, as a mail system sends them), on the listener the server runs.

const SITE_URL = "https://news.example";
const BOUNCES = "bounces@news.example";

async function fixture(name: string, values: Record<string, string>): Promise<Buffer> {
  let text = await readFile(new URL(`../../test/fixtures/mail/${name}`, import.meta.url), "utf8");
  for (const [key, value] of Object.entries({ BOUNCE_ADDRESS: BOUNCES, ...values }))
    text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text);
}

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

/** A delivery already accepted by the SMTP server, as a send leaves it. */
async function delivered(db: Db, edition: string, subscriberId: number): Promise<string> {
  const messageId = `<${edition.replace("/", ".")}.${subscriberId}@news.example>`;
  await db
    .insertInto("deliveries")
    .values({
      edition,
      subscriber_id: subscriberId,
      status: "sent",
      attempts: 1,
      message_id: messageId,
      updated_at: "2026-12-07T06:00:00Z",
    })
    .execute();
  return messageId;
}

const person = (db: Db, id: number) =>
  db.selectFrom("subscribers").select(["status", "bounces"]).where("id", "=", id).executeTakeFirstOrThrow();
const subscriptions = async (db: Db, id: number) =>
  (await db.selectFrom("subscriptions").select("status").where("subscriber_id", "=", id).execute()).map(
    (r) => r.status,
  );

describeEachDatabase("bounces and complaints at the bounce address", (get) => {
  let listener: InboundServer;
  let links: NewsletterLinks;
  const logs: { result?: string }[] = [];
  const logger = { info: (obj: object) => logs.push(obj), warn: (obj: object) => logs.push(obj) };
  // A mail system's report: the null reverse-path (RFC 5321 §4.5.5), so nothing ever answers it.
  const report = (raw: Buffer) =>
    nodemailer
      .createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: "", to: [BOUNCES] }, raw });

  beforeAll(async () => {
    const db = get().handle.db;
    links = newsletterLinks(SITE_URL, await loadSigner(db));
    listener = await startNewsletterMailboxes(
      { db, links, siteUrl: SITE_URL, bounceAddress: BOUNCES, now: () => new Date(), logger },
      { host: "127.0.0.1", port: 0 },
    );
  });
  afterAll(() => listener?.close());
  beforeEach(async () => {
    logs.length = 0;
    const db = get().handle.db;
    for (const table of ["delivery_reports", "deliveries", "subscriptions", "subscribers"] as const)
      await db.deleteFrom(table).execute();
  });

  it("a hard bounce (5.1.1) of an alert actually sent stops all mail to the address at once; the next alert skips it", async () => {
    const { handle, config } = get();
    const db = handle.db;
    const gone = await subscribe(db, "gone@example.net", ["breaking-news"]);
    const reader = await subscribe(db, "reader@example.net", ["breaking-news"]);
    const inbox = await startMailInbox();
    const mailer = createMailer({ ...config, smtpUrl: inbox.url, mailBounceAddress: BOUNCES });
    const deps = {
      db,
      mailer,
      links,
      site: { name: "London Daily", url: SITE_URL, timeZone: "Europe/London" },
      now: () => new Date(),
    };
    try {
      const section = await buildSection(db, { slug: "bounce-uk", name: "UK" });
      const first = await buildArticle(db, {
        sectionId: section.id,
        slug: "bounce-1",
        headline: "First",
        publishedAt: new Date(),
      });
      await sendBreakingAlert(deps, first.id);
      const sent = await inbox.waitFor(2);
      const toGone = sent.find((m) => m.to && !Array.isArray(m.to) && m.to.text === "gone@example.net")!;
      // per newsletter and edition, for the providers' feedback loops
      expect(toGone.headers.get("feedback-id")).toBe(`article-${first.id}:breaking-news:newsletter:news.example`);
      const dsn = await fixture("dsn.eml", {
        RECIPIENT: "gone@example.net",
        MESSAGE_ID: toGone.messageId!,
        STATUS: "5.1.1",
        DIAGNOSTIC: "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown",
      });
      expect((await report(dsn)).response).toMatch(/^250 /);
      expect(await person(db, gone)).toMatchObject({ status: "bouncing", bounces: 1 });
      expect(await person(db, reader)).toMatchObject({ status: "active", bounces: 0 });

      const second = await buildArticle(db, {
        sectionId: section.id,
        slug: "bounce-2",
        headline: "Second",
        publishedAt: new Date(),
      });
      await sendBreakingAlert(deps, second.id);
      await inbox.waitFor(3);
      await new Promise((r) => setTimeout(r, 200));
      expect(inbox.messages.slice(2).map((m) => (Array.isArray(m.to) ? "" : m.to?.text))).toEqual([
        "reader@example.net",
      ]);
      const edition = (
        await db
          .selectFrom("deliveries")
          .select("edition")
          .where("message_id", "=", toGone.messageId!)
          .executeTakeFirstOrThrow()
      ).edition;
      expect((await countDeliveryReports(db, [edition])).get(edition)).toEqual({
        hardBounces: 1,
        softBounces: 0,
        complaints: 0,
      });
    } finally {
      await mailer.close();
      await inbox.close();
    }
  });

  it("a 5.1.x refusal at RCPT TO during the send stops mail at once; a policy refusal (5.7.1) only counts", async () => {
    const { handle, config } = get();
    const db = handle.db;
    const gone = await subscribe(db, "nobody@example.net", ["breaking-news"]);
    const blocked = await subscribe(db, "strict@example.net", ["breaking-news"]);
    await subscribe(db, "reader@example.net", ["breaking-news"]); // a send where every delivery fails fails its job
    const inbox = await startMailInbox();
    inbox.reject.set("nobody@example.net", { code: 550, message: "5.1.1 <nobody@example.net>: User unknown" });
    inbox.reject.set("strict@example.net", { code: 550, message: "5.7.1 Message rejected by policy" });
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    const site = { name: "London Daily", url: SITE_URL, timeZone: "Europe/London" };
    try {
      const section = await buildSection(db, { slug: "rcpt-uk", name: "UK" });
      const story = await buildArticle(db, {
        sectionId: section.id,
        slug: "rcpt-1",
        headline: "R",
        publishedAt: new Date(),
      });
      await sendBreakingAlert({ db, mailer, links, site, now: () => new Date() }, story.id);
    } finally {
      await mailer.close();
      await inbox.close();
    }
    expect(await person(db, gone)).toMatchObject({ status: "bouncing", bounces: 1 });
    expect(await person(db, blocked)).toMatchObject({ status: "active", bounces: 1 });
  });

  it("soft bounces (4.x.x) count, a repeated DSN once, and only the third makes the address bouncing", async () => {
    const db = get().handle.db;
    const full = await subscribe(db, "full@example.net", ["morning-headlines"]);
    const soft = (messageId: string) =>
      fixture("dsn.eml", {
        RECIPIENT: "full@example.net",
        MESSAGE_ID: messageId,
        STATUS: "4.2.2",
        DIAGNOSTIC: "452 4.2.2 Mailbox full",
      });
    const ids = [];
    for (const day of ["05", "06", "07"]) ids.push(await delivered(db, `morning-headlines/2026-12-${day}`, full));
    await report(await soft(ids[0]!));
    await report(await soft(ids[0]!));
    expect(await person(db, full)).toMatchObject({ status: "active", bounces: 1 });
    await report(await soft(ids[1]!));
    expect(await person(db, full)).toMatchObject({ status: "active", bounces: 2 });
    await report(await soft(ids[2]!));
    expect(await person(db, full)).toMatchObject({ status: "bouncing", bounces: 3 });
    expect(logs.map((l) => l.result).filter(Boolean)).toEqual(["soft-bounce", "repeat", "soft-bounce", "soft-bounce"]);
  });

  it("a complaint (ARF abuse report) unsubscribes the complainer from everything at once and is counted", async () => {
    const db = get().handle.db;
    const angry = await subscribe(db, "angry@example.net", ["morning-headlines", "breaking-news"]);
    const messageId = await delivered(db, "morning-headlines/2026-12-07", angry);
    const arf = await fixture("arf.eml", { RECIPIENT: "angry@example.net", MESSAGE_ID: messageId });
    expect((await report(arf)).response).toMatch(/^250 /);
    expect(await person(db, angry)).toMatchObject({ status: "unsubscribed" });
    expect(await subscriptions(db, angry)).toEqual(["unsubscribed", "unsubscribed"]);
    await report(arf);
    const counts = await countDeliveryReports(db, ["morning-headlines/2026-12-07"]);
    expect(counts.get("morning-headlines/2026-12-07")).toEqual({ hardBounces: 0, softBounces: 0, complaints: 1 });
  });

  it("a forged report naming someone else's delivery, an unknown Message-ID or an ordinary mail changes nothing (250)", async () => {
    const db = get().handle.db;
    const victim = await subscribe(db, "victim@example.net", ["morning-headlines"]);
    const messageId = await delivered(db, "morning-headlines/2026-12-07", victim);
    const forged = [
      await fixture("dsn.eml", {
        RECIPIENT: "attacker@example.net",
        MESSAGE_ID: messageId,
        STATUS: "5.1.1",
        DIAGNOSTIC: "550",
      }),
      await fixture("arf.eml", { RECIPIENT: "attacker@example.net", MESSAGE_ID: messageId }),
      await fixture("dsn.eml", {
        RECIPIENT: "victim@example.net",
        MESSAGE_ID: "<nothing.we.sent@news.example>",
        STATUS: "5.1.1",
        DIAGNOSTIC: "550",
      }),
      Buffer.from(`From: someone@example.net\r\nTo: ${BOUNCES}\r\nSubject: out of office\r\n\r\nI am away.\r\n`),
    ];
    for (const raw of forged) expect((await report(raw)).response).toMatch(/^250 /);
    expect(await person(db, victim)).toMatchObject({ status: "active", bounces: 0 });
    expect(await subscriptions(db, victim)).toEqual(["confirmed"]);
    expect(logs.map((l) => l.result).filter(Boolean)).toEqual([
      "recipient-mismatch",
      "recipient-mismatch",
      "unknown-message",
      "not-a-report",
    ]);
  });

  it("a complaint whose recipient the provider redacted counts when the returned List-Unsubscribe carries the subscriber's token", async () => {
    const db = get().handle.db;
    const reader = await subscribe(db, "reader@example.net", ["morning-headlines"]);
    const messageId = await delivered(db, "morning-headlines/2026-12-07", reader);
    const mailto = links.mailtoUnsubscribe(reader, "morning-headlines");
    const redacted = (await fixture("arf.eml", { RECIPIENT: "redacted@redacted.invalid", MESSAGE_ID: messageId }))
      .toString()
      .replace(/^Original-Rcpt-To:.*\r\n/m, "")
      .replace(
        /^To: redacted@redacted.invalid\r\n(?=Subject: Morning Headlines\r\nMessage-ID)/m,
        `List-Unsubscribe: <mailto:${mailto}>\r\n`,
      );
    await report(Buffer.from(redacted));
    expect(await subscriptions(db, reader)).toEqual(["unsubscribed"]);
  });
});
