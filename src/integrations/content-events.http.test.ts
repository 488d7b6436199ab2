import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { inboxJobRunner, subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { type TestVideos, hasFfmpeg, makeTestVideos } from "../../test/support/test-videos.js";
import {
  type WebhookReceiver,
  documented,
  registerWebhook,
  startWebhookReceiver,
} from "../../test/support/webhook-receiver.js";
import { newsletterLinks } from "../newsletters/newsletter-links.js";
import { sendEdition } from "../newsletters/send-edition.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";

// newsletter.edition_sent, video.ready and wire.item_received, on both engines, from the newsroom's
// own actions through the app's job runner to a local receiver: each once, signed, with its
// documented payload — and not again when the same edition goes to subscribers added later, when a
// video is processed again for a new poster frame, or when a wire item comes back in a new version.

const wireFixture = (name: string) => path.join(import.meta.dirname, "..", "wire", "fixtures", name);

describeEachDatabase("content webhook events", (get) => {
  const clock = NOW;
  let dataDir: string;
  let app: FastifyInstance;
  let inbox: MailInbox;
  let receiver: WebhookReceiver;
  let jobs: Awaited<ReturnType<typeof inboxJobRunner>>;
  let admin: SignedIn;
  let editor: SignedIn;
  let videos: TestVideos | undefined;

  const db = () => get().handle.db;
  const config = () => ({ ...get().config, dataDir, smtpUrl: inbox.url });
  const api = (who: SignedIn, method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
    app.inject({ method, url: `/api/newsroom${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  /** Runs the jobs (sends, processing, deliveries) until the receiver has `count` events of `type`. */
  async function heard(type: string, count: number) {
    for (let i = 0; i < 40 && receiver.of(type).length < count; i += 1) await jobs.run();
    expect(receiver.of(type)).toHaveLength(count);
    return receiver.of(type);
  }
  /** Runs every job due, a few rounds, so that anything that would be delivered is. */
  const settle = async () => {
    for (let i = 0; i < 5; i += 1) await jobs.run();
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-content-events-"));
    inbox = await startMailInbox();
    receiver = await startWebhookReceiver(() => clock.getTime() / 1000);
    await buildNewsroom(db());
    app = await buildApp({ config: config(), db: db(), now: () => clock, logger: false });
    jobs = await inboxJobRunner({ db: db(), config: config(), inbox }, () => clock);
    admin = await signedIn(db(), "admin", clock);
    editor = await signedIn(db(), "editor", clock);
    await registerWebhook(app, admin, receiver, ["newsletter.edition_sent", "video.ready", "wire.item_received"]);
    if (hasFfmpeg) videos = makeTestVideos();
  }, 60_000);
  afterAll(async () => {
    await jobs?.stop();
    await app?.close();
    await inbox?.close();
    await receiver?.close();
    videos?.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("newsletter.edition_sent: once the send completes, once per edition", async () => {
    await subscribeTo(db(), "one@example.net", "morning-headlines");
    await subscribeTo(db(), "two@example.net", "morning-headlines");
    const edition = await db()
      .selectFrom("briefings")
      .select("id")
      .where("newsletter", "=", "morning-headlines")
      .where("edition_date", "=", "2026-07-01")
      .executeTakeFirstOrThrow();
    expect((await api(editor, "POST", `/editions/${edition.id}/send-now`, {})).statusCode).toBe(202);
    const [sent] = await heard("newsletter.edition_sent", 1);
    expect(sent!.data).toEqual({
      edition: {
        id: edition.id,
        newsletter: "morning-headlines",
        newsletterName: expect.any(String),
        editionDate: "2026-07-01",
        subject: expect.stringContaining("Morning Headlines"),
        url: "http://localhost:3000/morning-headlines/2026-07-01",
        articleId: null,
        sentAt: clock.toISOString(),
      },
      deliveries: { delivered: 2, failed: 0 },
    });
    expect(sent!.data.edition.newsletterName).toMatch(/Morning Headlines/);

    // The same edition sent again to a subscriber who joined since (the CLI's `send --now`): no new event.
    await subscribeTo(db(), "late@example.net", "morning-headlines");
    const mailer = createMailer(config());
    const site = { name: "London Daily", url: "http://localhost:3000", timeZone: "Europe/London" };
    const links = newsletterLinks(site.url, await loadSigner(db()));
    const deps = { db: db(), mailer, links, site, now: () => clock };
    const again = await sendEdition(deps, {
      newsletter: "morning-headlines",
      editionDate: "2026-07-01",
      addRecipients: true,
    });
    await mailer.close();
    expect(again).toMatchObject({ status: "sent", sent: 3 });
    await settle();
    expect(receiver.of("newsletter.edition_sent")).toHaveLength(1);
  });

  it.skipIf(!hasFfmpeg)(
    "video.ready: when processing first finishes, not when a new poster frame is made",
    async () => {
      const created = await api(editor, "POST", "/videos/uploads", {
        filename: "clip.mp4",
        title: "Tower Bridge opens",
      });
      expect(created.statusCode).toBe(201);
      const put = await app.inject({
        method: "PUT",
        url: `/api/newsroom/videos/uploads/${created.json<{ id: string }>().id}`,
        headers: { ...editor.headers, "content-type": "application/octet-stream" },
        payload: fs.readFileSync(videos!.mp4),
      });
      const { id } = put.json<{ video: { id: number } }>().video;
      expect(receiver.of("video.ready")).toHaveLength(0); // uploaded, not processed yet
      const [ready] = await heard("video.ready", 1);
      expect(ready!.data).toEqual({
        video: {
          id,
          slug: expect.stringMatching(/^tower-bridge-opens-/),
          title: "Tower Bridge opens",
          durationSeconds: expect.closeTo(2, 1),
          width: 640,
          height: 360,
          published: false,
        },
      });

      expect((await api(editor, "PATCH", `/videos/${id}`, { posterTime: 1 })).statusCode).toBe(200);
      await settle();
      const video = (await api(editor, "GET", `/videos/${id}`)).json<{ status: string; posterUrl: string | null }>();
      // Processed again: a new poster frame at 1 s (the change cleared the old one), and no second event.
      expect(video).toMatchObject({ status: "ready", posterTime: 1, posterUrl: expect.any(String) });
      expect(receiver.of("video.ready")).toHaveLength(1);
    },
  );

  it.skipIf(!hasFfmpeg)(
    "video.ready at upload on a server without ffmpeg, where an MP4 is taken as it is",
    async () => {
      const missing = path.join(dataDir, "no-such-program");
      const bare = await buildApp({
        config: { ...config(), ffmpegPath: missing, ffprobePath: missing },
        db: db(),
        now: () => clock,
        logger: false,
      });
      try {
        const created = await bare.inject({
          method: "POST",
          url: "/api/newsroom/videos/uploads",
          headers: editor.headers,
          payload: { filename: "as-is.mp4", title: "Taken as it is" },
        });
        const put = await bare.inject({
          method: "PUT",
          url: `/api/newsroom/videos/uploads/${created.json<{ id: string }>().id}`,
          headers: { ...editor.headers, "content-type": "video/mp4" },
          payload: fs.readFileSync(videos!.mp4),
        });
        expect(put.json<{ video: { status: string } }>().video.status).toBe("ready");
      } finally {
        await bare.close();
      }
      const events = await heard("video.ready", 2);
      expect(events[1]!.data.video).toMatchObject({ title: "Taken as it is", published: false });
    },
  );

  it("wire.item_received: once per new item, not for a later version of it", async () => {
    const folder = path.join(dataDir, "wire-drop");
    fs.mkdirSync(folder);
    const provider = await api(admin, "POST", "/wire/providers", {
      name: "Thames Press",
      sourceKind: "folder",
      source: folder,
      format: "ninjs",
    });
    expect(provider.statusCode, provider.body).toBe(201);
    const poll = async (file: string) => {
      fs.copyFileSync(wireFixture(file), path.join(folder, file));
      // Dropped a minute before the clock: settled, so the folder source takes it.
      const settled = new Date(clock.getTime() - 60_000);
      fs.utimesSync(path.join(folder, file), settled, settled);
      const res = await api(admin, "POST", `/wire/providers/${provider.json<{ id: number }>().id}/poll`, {});
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ created: number; updated: number }>();
    };
    expect(await poll("item-v1.ninjs.json")).toMatchObject({ created: 1 });
    const [first] = await heard("wire.item_received", 1);
    expect(first!.data).toEqual({
      item: {
        id: expect.any(Number),
        providerId: provider.json<{ id: number }>().id,
        guid: "urn:thames-press:2026:budget-vote",
        version: 1,
        headline: "Borough budget vote delayed by a week",
        urgency: 3,
        pubStatus: "usable",
        embargoAt: "2030-01-01T00:00:00.000Z",
        url: null,
        receivedAt: clock.toISOString(),
      },
    });
    // Version 2 of the same story and one new (already withdrawn) item: one more event, for the new one.
    expect(await poll("items-v2.ninjs.json")).toMatchObject({ created: 1, updated: 1 });
    await settle();
    const events = receiver.of("wire.item_received");
    expect(events.map((e) => [e.data.item.guid, e.data.item.pubStatus])).toEqual([
      ["urn:thames-press:2026:budget-vote", "usable"],
      ["urn:thames-press:2026:bridge-closure", "canceled"],
    ]);
  });

  it("signed every delivery, named its type in the header, and sent the payload as documented", () => {
    expect(receiver.events.length).toBeGreaterThanOrEqual(3);
    expect(receiver.events.every((e) => e.verified && e.header === e.type)).toBe(true);
    for (const e of receiver.events) expect(documented(e), JSON.stringify(e)).toBe(true);
  });
});
