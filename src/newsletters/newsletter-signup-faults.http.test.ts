import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";

// A sign-up whose confirmation email cannot go out (a full or broken outbox, an SMTP server that
// refuses) must say so, and must leave nothing behind that a retry would trip over.

const form = (fields: Record<string, string>) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  payload: new URLSearchParams(fields).toString(),
});

describeEachDatabase("newsletter sign-up when the confirmation cannot be sent", (get) => {
  let dataDir: string;
  let outboxApp: FastifyInstance;
  let smtpApp: FastifyInstance;
  let inbox: MailInbox;
  let ip = 0;
  const subscribe = (app: FastifyInstance, email: string, newsletter = "morning-headlines") =>
    app.inject({
      method: "POST",
      url: "/newsletters/subscribe",
      remoteAddress: `203.0.113.${++ip}`,
      ...form({ email, newsletter, returnTo: "/uk/night-buses-return" }),
    });
  const subscriptions = (email: string) =>
    get()
      .handle.db.selectFrom("subscriptions as s")
      .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
      .innerJoin("newsletters as n", "n.id", "s.newsletter_id")
      .select(["n.slug", "s.status"])
      .where("p.email", "=", email)
      .orderBy("n.slug")
      .execute();
  const subscriber = (email: string) =>
    get().handle.db.selectFrom("subscribers").select("id").where("email", "=", email).executeTakeFirst();

  beforeAll(async () => {
    const { handle, config } = get();
    await buildNewsroom(handle.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-outbox-"));
    inbox = await startMailInbox();
    const base = { db: handle.db, now: () => NOW, logger: false } as const;
    outboxApp = await buildApp({ ...base, config: { ...config, smtpUrl: undefined, dataDir } });
    smtpApp = await buildApp({ ...base, config: { ...config, smtpUrl: inbox.url } });
  });
  afterAll(async () => {
    await outboxApp?.close();
    await smtpApp?.close();
    await inbox?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("says the email could not be sent when the outbox cannot be written, keeps nothing, and a retry works", async () => {
    // A file where the outbox folder should be: every write under it fails, as on a full disk.
    const outbox = path.join(dataDir, "outbox");
    fs.writeFileSync(outbox, "not a folder");
    const failed = await subscribe(outboxApp, "disk@example.org");
    expect(failed.statusCode).toBe(503);
    expect(Number(failed.headers["retry-after"])).toBeGreaterThan(0);
    expect(failed.headers["content-type"]).toMatch(/text\/html/);
    expect(failed.body).toContain("We could not send your confirmation email");
    expect(failed.body).not.toContain("Check your inbox");
    // The form comes back filled in, so trying again is one click.
    expect(failed.body).toContain('value="disk@example.org"');
    expect(await subscriptions("disk@example.org")).toEqual([]);
    expect(await subscriber("disk@example.org")).toBeUndefined();

    fs.rmSync(outbox);
    const retried = await subscribe(outboxApp, "disk@example.org");
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toMatch(/^\/newsletters\/check-your-inbox/);
    expect(await subscriptions("disk@example.org")).toEqual([{ slug: "morning-headlines", status: "pending" }]);
    const written = fs.readdirSync(outbox, { recursive: true }).filter((f) => String(f).endsWith(".eml"));
    expect(written).toHaveLength(1);
  });

  it("says so when the SMTP server refuses (452), and leaves a reader's earlier choices as they were", async () => {
    const db = get().handle.db;
    // Already confirmed to the Morning Headlines, and once left the Video newsletter.
    expect((await subscribe(smtpApp, "smtp@example.org")).statusCode).toBe(303);
    await inbox.waitFor(1);
    await db
      .updateTable("subscriptions")
      .set({ status: "confirmed" })
      .where("subscriber_id", "=", (await subscriber("smtp@example.org"))!.id)
      .execute();
    const video = await db.selectFrom("newsletters").select("id").where("slug", "=", "video").executeTakeFirstOrThrow();
    await db
      .insertInto("subscriptions")
      .values({
        subscriber_id: (await subscriber("smtp@example.org"))!.id,
        newsletter_id: video.id,
        status: "unsubscribed",
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();

    inbox.reject.set("smtp@example.org", { code: 452, message: "Insufficient system storage" });
    const failed = await smtpApp.inject({
      method: "POST",
      url: "/newsletters/subscribe",
      remoteAddress: `203.0.113.${++ip}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=smtp%40example.org&newsletter=video&newsletter=breaking-news&returnTo=%2F",
    });
    expect(failed.statusCode).toBe(503);
    expect(failed.body).toContain("We could not send your confirmation email");
    expect(await subscriptions("smtp@example.org")).toEqual([
      { slug: "morning-headlines", status: "confirmed" },
      { slug: "video", status: "unsubscribed" },
    ]);

    inbox.reject.delete("smtp@example.org");
    inbox.messages.length = 0;
    const retried = await smtpApp.inject({
      method: "POST",
      url: "/newsletters/subscribe",
      remoteAddress: `203.0.113.${++ip}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=smtp%40example.org&newsletter=video&newsletter=breaking-news&returnTo=%2F",
    });
    expect(retried.statusCode).toBe(303);
    const [mail] = await inbox.waitFor(1);
    expect(mail!.text).toMatch(/Video newsletter|Breaking news/);
    expect(await subscriptions("smtp@example.org")).toEqual([
      { slug: "breaking-news", status: "pending" },
      { slug: "morning-headlines", status: "confirmed" },
      { slug: "video", status: "pending" },
    ]);
  });
});
