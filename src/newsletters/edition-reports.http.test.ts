import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { handleDeliveryReport } from "./bounce-mailbox.js";
import { composeMorningHeadlines } from "./edition.js";
import { newsletterLinks } from "./newsletter-links.js";

// The newsroom's figures for a sent edition: accepted, bounced (hard, soft) and complained, from the reports
// read at the bounce address.

const now = new Date("2026-07-01T05:40:00Z");
const EDITION = "morning-headlines/2026-07-01";

async function fixture(name: string, values: Record<string, string>): Promise<Buffer> {
  let text = await readFile(new URL(`../../test/fixtures/mail/${name}`, import.meta.url), "utf8");
  for (const [key, value] of Object.entries({ BOUNCE_ADDRESS: "bounces@news.example", ...values }))
    text = text.replaceAll(`{{${key}}}`, value);
  return Buffer.from(text);
}

describeEachDatabase("an edition's bounces and complaints in the newsroom API", (get) => {
  let app: FastifyInstance;
  let editor: SignedIn;
  let admin: SignedIn;
  let editionId: number;

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    const section = await buildSection(db, { slug: "reports-uk", name: "UK" });
    await buildArticle(db, {
      sectionId: section.id,
      slug: "reports-story",
      headline: "Story",
      publishedAt: new Date(now.getTime() - 3_600_000),
    });
    const composed = await composeMorningHeadlines(db, { now, timeZone: config.timeZone });
    if (composed.status !== "composed") throw new Error(composed.status);
    editionId = composed.briefingId;
    const people = ["ann", "bob", "cat", "dan", "eve"];
    for (const name of people) await subscribeTo(db, `${name}@example.org`, "morning-headlines");
    const rows = await db.selectFrom("subscribers").select(["id", "email"]).execute();
    await db
      .insertInto("deliveries")
      .values(
        rows.map((r) => ({
          edition: EDITION,
          subscriber_id: r.id,
          status: "sent" as const,
          attempts: 1,
          message_id: `<mh.2026-07-01.${r.id}@news.example>`,
          updated_at: now.toISOString(),
        })),
      )
      .execute();
    await db
      .updateTable("briefings")
      .set({ send_status: "sent", sent_at: now.toISOString() })
      .where("id", "=", editionId)
      .execute();

    const deps = {
      db,
      links: newsletterLinks("https://news.example", await loadSigner(db)),
      now: () => now,
      logger: { info() {}, warn() {} },
    };
    const id = (email: string) => `<mh.2026-07-01.${rows.find((r) => r.email === email)!.id}@news.example>`;
    const dsn = (email: string, status: string) =>
      fixture("dsn.eml", { RECIPIENT: email, MESSAGE_ID: id(email), STATUS: status, DIAGNOSTIC: `550 ${status}` });
    expect(await handleDeliveryReport(deps, await dsn("ann@example.org", "5.1.1"))).toBe("hard-bounce");
    expect(await handleDeliveryReport(deps, await dsn("bob@example.org", "5.2.1"))).toBe("hard-bounce");
    expect(await handleDeliveryReport(deps, await dsn("cat@example.org", "4.2.2"))).toBe("soft-bounce");
    const arf = await fixture("arf.eml", { RECIPIENT: "dan@example.org", MESSAGE_ID: id("dan@example.org") });
    expect(await handleDeliveryReport(deps, arf)).toBe("complaint");

    app = await buildApp({ config, db, logger: false, now: () => now, mailer: createMailer(config) });
    editor = await signedIn(db, "editor", now);
    admin = await signedIn(db, "admin", now);
  });
  afterAll(() => app?.close());

  it("lists and shows accepted, bounced hard and soft, and complaints", async () => {
    const expected = {
      deliveries: { delivered: 5, waiting: 0, failed: 0 },
      reports: { hardBounces: 2, softBounces: 1, complaints: 1 },
    };
    const one = await app.inject({
      method: "GET",
      url: `/api/newsroom/editions/${editionId}`,
      headers: editor.headers,
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject(expected);
    const list = await app.inject({
      method: "GET",
      url: "/api/newsroom/editions?newsletter=morning-headlines",
      headers: editor.headers,
    });
    expect(list.json().items.find((e: { id: number }) => e.id === editionId)).toMatchObject(expected);
  });

  it("lists the addresses that bounced or complained to admins only", async () => {
    const url = `/api/newsroom/editions/${editionId}/reports`;
    expect((await app.inject({ method: "GET", url, headers: editor.headers })).statusCode).toBe(403);
    const res = await app.inject({ method: "GET", url, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { email: string; kind: string; status: string }[];
    expect(items.map((i) => [i.email, i.kind, i.status]).sort()).toEqual([
      ["ann@example.org", "hard-bounce", "5.1.1"],
      ["bob@example.org", "hard-bounce", "5.2.1"],
      ["cat@example.org", "soft-bounce", "4.2.2"],
      ["dan@example.org", "complaint", "abuse"],
    ]);
  });
});
