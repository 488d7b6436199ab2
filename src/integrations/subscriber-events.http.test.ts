import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { inboxJobRunner, subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { NOW } from "../../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import {
  type WebhookReceiver,
  documented,
  registerWebhook,
  startWebhookReceiver,
} from "../../test/support/webhook-receiver.js";
import { startNewsletterMailboxes } from "../newsletters/bounce-mailbox.js";
import { type NewsletterLinks, newsletterLinks } from "../newsletters/newsletter-links.js";
import type { InboundServer } from "../platform/mail/inbound.js";
import { loadSigner } from "../platform/signing.js";
import { ADMIN_API_PREFIX } from "./admin-api.js";
import { createIntegration } from "./integrations.js";

// subscriber.confirmed and subscriber.unsubscribed on every path that confirms or ends a subscription,
// on both engines: the reader's confirmation link, preferences page, unsubscribe link (RFC 8058
// one-click) and mail, a complaint, the newsroom, the Admin API and an import with consent. Each
// arrives once, signed, in the subscriber's order, naming the subscriber by id and never by address.

const BOUNCES = "bounces@localhost";
const quiet = { info: () => undefined, warn: () => undefined };
const form = (fields: [string, string][]) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  payload: new URLSearchParams(fields).toString(),
});
const local = (url: string) => url.replace(/^http:\/\/localhost:3000/, "").replaceAll("&amp;", "&");
const linkIn = (text: string, route: string) => {
  const match = new RegExp(`http://localhost:3000${route}[^\\s"<>]*`).exec(text);
  if (!match) throw new Error(`no ${route} link in: ${text}`);
  return local(match[0]);
};

describeEachDatabase("subscriber webhook events on every path", (get) => {
  const clock = NOW;
  let app: FastifyInstance;
  let inbox: MailInbox;
  let receiver: WebhookReceiver;
  let jobs: Awaited<ReturnType<typeof inboxJobRunner>>;
  let mailbox: InboundServer;
  let links: NewsletterLinks;
  let editor: SignedIn;
  let key: string;

  const db = () => get().handle.db;
  const idOf = async (email: string) =>
    (await db().selectFrom("subscribers").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const sendMail = (to: string, subject: string, raw?: Buffer) =>
    nodemailer
      .createTransport({ host: "127.0.0.1", port: mailbox.port, secure: false, ignoreTLS: true })
      .sendMail(
        raw ? { envelope: { from: "", to: [to] }, raw } : { from: "reader@example.net", to, subject, text: "" },
      );
  /** What the receiver heard about one subscriber, in the order it arrived. */
  const heard = (subscriberId: number) =>
    receiver.events
      .filter((e) => e.data.subscriberId === subscriberId)
      .map((e) => `${e.type} ${e.data.newsletter ?? "(all)"} via ${e.data.via}`);
  /** Runs the deliveries (one per lane at a time) until the receiver has `count` events in all. */
  async function delivered(count: number) {
    for (let i = 0; i < 40 && receiver.events.length < count; i += 1) await jobs.run();
    expect(receiver.events.length).toBe(count);
  }

  beforeAll(async () => {
    const { handle, config } = get();
    inbox = await startMailInbox();
    receiver = await startWebhookReceiver(() => clock.getTime() / 1000);
    app = await buildApp({ config: { ...config, smtpUrl: inbox.url }, db: handle.db, now: () => clock, logger: false });
    jobs = await inboxJobRunner({ db: handle.db, config, inbox }, () => clock);
    links = newsletterLinks(config.siteUrl, await loadSigner(handle.db));
    mailbox = await startNewsletterMailboxes(
      { db: handle.db, links, siteUrl: config.siteUrl, bounceAddress: BOUNCES, now: () => clock, logger: quiet },
      { host: "127.0.0.1", port: 0 },
    );
    const admin = await signedIn(handle.db, "admin", clock);
    editor = await signedIn(handle.db, "editor", clock);
    await registerWebhook(app, admin, receiver, ["subscriber.confirmed", "subscriber.unsubscribed"]);
    const scopes = ["subscribers:manage"];
    key = (await createIntegration(handle.db, { name: "CRM", scopes }, { userId: null }, clock)).key;
  });
  afterAll(async () => {
    await mailbox?.close();
    await jobs?.stop();
    await app?.close();
    await inbox?.close();
    await receiver?.close();
  });

  it("the reader's own links: confirmation, preferences, unsubscribe (one-click, then again)", async () => {
    const email = "reader@example.net";
    const signup = [
      ["email", email],
      ["newsletter", "morning-headlines"],
      ["returnTo", "/"],
    ] as [string, string][];
    expect((await app.inject({ method: "POST", url: "/newsletters/subscribe", ...form(signup) })).statusCode).toBe(303);
    const [mail] = await inbox.waitFor(1);
    const confirmed = await app.inject({ method: "POST", url: linkIn(mail!.text!, "/newsletters/confirm") });
    expect(confirmed.statusCode).toBe(200);
    const id = await idOf(email);

    // The preferences page: tick Breaking news too (confirmed at once), then untick the Morning Headlines.
    const proof = Object.fromEntries(
      new URL(linkIn(confirmed.body, "/newsletters/preferences"), "http://x").searchParams,
    );
    const save = (slugs: string[]) =>
      app.inject({
        method: "POST",
        url: "/newsletters/preferences",
        ...form([...Object.entries(proof), ...slugs.map((s): [string, string] => ["newsletter", s])]),
      });
    expect((await save(["morning-headlines", "breaking-news"])).statusCode).toBe(200);
    expect((await save(["breaking-news"])).statusCode).toBe(200);

    // A mail client's one-click POST (RFC 8058), then the same again: the repeat tells no one.
    const oneClick = form([["List-Unsubscribe", "One-Click"]]);
    const url = local(links.unsubscribe(id, "breaking-news"));
    expect((await app.inject({ method: "POST", url, ...oneClick })).statusCode).toBe(200);
    expect((await app.inject({ method: "POST", url, ...oneClick })).statusCode).toBe(200);

    await delivered(4);
    expect(heard(id)).toEqual([
      "subscriber.confirmed morning-headlines via confirmation-link",
      "subscriber.confirmed breaking-news via preferences",
      "subscriber.unsubscribed morning-headlines via preferences",
      "subscriber.unsubscribed breaking-news via unsubscribe-link",
    ]);
  });

  it("mail to the unsubscribe mailbox, and a complaint at the bounce address", async () => {
    await subscribeTo(db(), "by-mail@example.net", "morning-headlines");
    await subscribeTo(db(), "angry@example.net", "morning-headlines");
    await subscribeTo(db(), "angry@example.net", "breaking-news");
    const [byMail, angry] = [await idOf("by-mail@example.net"), await idOf("angry@example.net")];

    const mailto = links.mailtoUnsubscribe(byMail, "morning-headlines");
    const [address, query] = mailto.split("?subject=") as [string, string];
    expect((await sendMail(address, decodeURIComponent(query))).response).toMatch(/^250 /);

    const messageId = `<morning-headlines.2026-07-01.${angry}@localhost>`;
    await db()
      .insertInto("deliveries")
      .values({
        edition: "morning-headlines/2026-07-01",
        subscriber_id: angry,
        status: "sent",
        attempts: 1,
        message_id: messageId,
        updated_at: clock.toISOString(),
      })
      .execute();
    let arf = await readFile(new URL("../../test/fixtures/mail/arf.eml", import.meta.url), "utf8");
    for (const [name, value] of Object.entries({ BOUNCE_ADDRESS: BOUNCES, RECIPIENT: "angry@example.net" }))
      arf = arf.replaceAll(`{{${name}}}`, value);
    arf = arf.replaceAll("{{MESSAGE_ID}}", messageId);
    expect((await sendMail(BOUNCES, "", Buffer.from(arf))).response).toMatch(/^250 /);

    await delivered(6);
    expect(heard(byMail)).toEqual(["subscriber.unsubscribed morning-headlines via unsubscribe-mail"]);
    // A complaint ends everything at once: one event, for every newsletter.
    expect(heard(angry)).toEqual(["subscriber.unsubscribed (all) via complaint"]);
  });

  it("the newsroom, the Admin API and an import with consent", async () => {
    await subscribeTo(db(), "desk@example.net", "morning-headlines", "pending");
    await subscribeTo(db(), "crm@example.net", "morning-headlines", "pending");
    const [desk, crm] = [await idOf("desk@example.net"), await idOf("crm@example.net")];
    const consent = { newsletter: "morning-headlines", consent: "Ticked the box at the fair, 2026-06-30" };
    const newsroom = (url: string, payload: object) =>
      app.inject({ method: "POST", url: `/api/newsroom${url}`, headers: editor.headers, payload });
    const adminApi = (url: string, payload: object) =>
      app.inject({
        method: "POST",
        url: ADMIN_API_PREFIX + url,
        headers: { authorization: `Bearer ${key}` },
        payload,
      });
    expect((await newsroom(`/subscribers/${desk}/confirm`, consent)).statusCode).toBe(200);
    expect((await newsroom(`/subscribers/${desk}/unsubscribe`, {})).statusCode).toBe(200);
    expect((await newsroom(`/subscribers/${desk}/unsubscribe`, {})).statusCode).toBe(200); // nothing left to end
    expect((await adminApi(`/subscribers/${crm}/confirm`, consent)).statusCode).toBe(200);
    expect((await adminApi(`/subscribers/${crm}/confirm`, consent)).statusCode).toBe(200); // already confirmed
    const left = await adminApi(`/subscribers/${crm}/unsubscribe`, { newsletter: "morning-headlines" });
    expect(left.statusCode).toBe(200);
    const csv = "email\nimported-1@example.net\nimported-2@example.net\n";
    const imported = await newsroom("/subscribers/import", { csv, newsletter: "breaking-news", consent: true });
    expect(imported.json()).toMatchObject({ added: 2 });

    await delivered(12);
    expect(heard(desk)).toEqual([
      "subscriber.confirmed morning-headlines via newsroom",
      "subscriber.unsubscribed (all) via newsroom",
    ]);
    expect(heard(crm)).toEqual([
      "subscriber.confirmed morning-headlines via admin-api",
      "subscriber.unsubscribed morning-headlines via admin-api",
    ]);
    for (const email of ["imported-1@example.net", "imported-2@example.net"])
      expect(heard(await idOf(email))).toEqual(["subscriber.confirmed breaking-news via import"]);
  });

  it("signed every delivery, named its type in the header, and sent no address", () => {
    expect(receiver.events.every((e) => e.verified && e.header === e.type)).toBe(true);
    expect(new Set(receiver.events.map((e) => e.id)).size).toBe(receiver.events.length);
    expect(JSON.stringify(receiver.events)).not.toContain("@");
    for (const e of receiver.events) expect(documented(e), JSON.stringify(e)).toBe(true);
  });
});
