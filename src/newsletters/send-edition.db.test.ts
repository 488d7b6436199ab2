import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";
import { zonedIsoDate } from "../platform/time.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { composeMorningHeadlines } from "./edition.js";
import { newsletterLinks } from "./newsletter-links.js";
import { sendEdition } from "./send-edition.js";

// Sending the Morning Headlines to real SMTP: what arrives, the one-click unsubscribe in it, and a
// sending process killed half-way through and started again (every subscriber gets it once).

const TZ = "Europe/London";
const SITE_URL = "https://news.example";
const ROOT = path.resolve(import.meta.dirname, "../..");

async function subscribers(db: Db, count: number, prefix: string, status: "confirmed" | "pending" = "confirmed") {
  const newsletter = await db
    .selectFrom("newsletters")
    .select("id")
    .where("slug", "=", "morning-headlines")
    .executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = await db
      .insertInto("subscribers")
      .values({ email: `${prefix}${i}@example.org`, created_at: at, updated_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("subscriptions")
      .values({ subscriber_id: row.id, newsletter_id: newsletter.id, status, created_at: at, updated_at: at })
      .execute();
    ids.push(row.id);
  }
  return ids;
}

describeEachDatabase("sending an edition", (get) => {
  let inbox: MailInbox;
  const now = new Date();
  beforeAll(async () => {
    const db = get().handle.db;
    const section = await buildSection(db, { slug: "uk", name: "UK" });
    for (let i = 0; i < 4; i++) {
      await buildArticle(db, {
        sectionId: section.id,
        slug: `story-${i}`,
        headline: `Story number ${i} of the day`,
        standfirst: `The line for story ${i}.`,
        publishedAt: new Date(now.getTime() - (i + 1) * 3_600_000),
      });
    }
    inbox = await startMailInbox();
  });
  afterAll(() => inbox?.close());

  it("sends each confirmed, active reader one email with list headers that unsubscribe in one click", async () => {
    const { handle, config } = get();
    const db = handle.db;
    const ids = await subscribers(db, 5, "reader");
    await subscribers(db, 2, "unconfirmed", "pending");
    await db.updateTable("subscribers").set({ paused: 1 }).where("id", "=", ids[4]!).execute();
    expect(await composeMorningHeadlines(db, { now, timeZone: TZ })).toMatchObject({ status: "composed" });

    const mailer = createMailer({ ...config, smtpUrl: inbox.url, siteUrl: SITE_URL } as typeof config);
    const links = newsletterLinks(SITE_URL, await loadSigner(db));
    const deps = { db, mailer, links, site: { name: "London Daily", url: SITE_URL, timeZone: TZ }, now: () => now };
    const editionDate = zonedIsoDate(now, TZ);
    const result = await sendEdition(deps, { newsletter: "morning-headlines", editionDate });
    expect(result).toEqual({ status: "sent", sent: 4, failed: 0, waiting: 0, nextRetryAt: null });
    const received = await inbox.waitFor(4);
    expect(received.map((m) => m.to && "value" in m.to && m.to.value[0]!.address).sort()).toEqual([
      "reader0@example.org",
      "reader1@example.org",
      "reader2@example.org",
      "reader3@example.org",
    ]);
    const mail = received.find((m) => JSON.stringify(m.to).includes("reader1@"))!;
    expect(mail.subject).toMatch(/^London Daily Morning Headlines - \w+day, \w+ \d+ \d{4}$/);
    expect(mail.messageId).toBe(`<morning-headlines.${editionDate}.${ids[1]}@news.example>`);
    expect(mail.date).toBeInstanceOf(Date);
    const header = (key: string) => String(mail.headerLines.find((h) => h.key === key)?.line ?? "");
    expect(header("list-id")).toBe('List-ID: "Morning Headlines" <morning-headlines.news.example>');
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const listUnsubscribe = header("list-unsubscribe");
    expect(listUnsubscribe).toContain("mailto:unsubscribe@news.example");
    expect(mail.html).toContain("Story number 0 of the day");
    expect(mail.text).toContain("* Story number 0 of the day");
    expect(mail.html).toContain("View in browser");

    // A second run sends nothing more.
    expect(await sendEdition(deps, { newsletter: "morning-headlines", editionDate })).toEqual({
      status: "sent",
      sent: 4,
      failed: 0,
      waiting: 0,
      nextRetryAt: null,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.messages).toHaveLength(4);

    // The mail client's one-click POST (RFC 8058) unsubscribes at once.
    const url = new URL(/<(https:[^>]+)>/.exec(listUnsubscribe)![1]!);
    const app = await buildApp({ config: { ...config, siteUrl: SITE_URL }, db, logger: false });
    const res = await app.inject({
      method: "POST",
      url: url.pathname + url.search,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    await app.close();
    expect(res.statusCode).toBe(200);
    const sub = await db
      .selectFrom("subscriptions")
      .select("status")
      .where("subscriber_id", "=", ids[1]!)
      .executeTakeFirstOrThrow();
    expect(sub.status).toBe("unsubscribed");
    await mailer.close();
  });

  it("resumes after the sending process is killed half-way, and every subscriber gets it exactly once", async () => {
    const { handle, env } = get();
    const db = handle.db;
    await db.deleteFrom("deliveries").execute();
    await db.updateTable("briefings").set({ send_status: "pending" }).execute();
    await db.deleteFrom("subscriptions").execute();
    await db.deleteFrom("subscribers").execute();
    await subscribers(db, 120, "crash");
    inbox.messages.length = 0;
    inbox.pauseAfter = 50;

    const run = () =>
      spawn(
        process.execPath,
        [path.join(ROOT, "bin/london-daily.js"), "newsletter", "send", "morning-headlines", "--now"],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ...env,
            SMTP_URL: inbox.url,
            SITE_URL,
            SEED_DEMO: "false",
            LOG_LEVEL: "silent",
            CI: "",
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
    const first = run();
    let firstOutput = "";
    first.stdout.on("data", (chunk: Buffer) => (firstOutput += chunk.toString()));
    first.stderr.on("data", (chunk: Buffer) => (firstOutput += chunk.toString()));
    const exited = new Promise((resolve) => first.on("exit", resolve));
    await inbox.waitFor(50, 30_000).catch((err: Error) => {
      throw new Error(`${err.message}; the sender said: ${firstOutput}`);
    });
    await new Promise((r) => setTimeout(r, 500)); // acknowledged messages are recorded; the rest hang unanswered
    first.kill("SIGKILL");
    await exited;
    const recorded = await db.selectFrom("deliveries").select("status").where("status", "=", "sent").execute();
    expect(recorded).toHaveLength(50);
    // The dead process's claims on the job and on the edition lapse after their lease (a minute); let
    // that minute pass.
    const lapsed = new Date(Date.now() - 1000).toISOString();
    await db.updateTable("jobs").set({ locked_until: lapsed }).execute();
    await db.updateTable("briefings").set({ send_lease_until: lapsed }).execute();

    inbox.pauseAfter = Infinity;
    const second = run();
    let output = "";
    second.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    second.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => second.on("exit", resolve));
    expect(code, output).toBe(0);
    expect(output).toContain("120 sent, 0 failed");

    const perAddress = new Map<string, number>();
    for (const m of inbox.messages) {
      const to = m.to && "value" in m.to ? m.to.value[0]!.address! : "";
      perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    }
    expect(perAddress.size).toBe(120);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
  }, 90_000);
});
