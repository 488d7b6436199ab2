import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { newsletterLinks } from "./newsletter-links.js";
import { sendBreakingAlert } from "./newsletter-jobs.js";

// A newsletter's Reply-To, set by an admin: replies to its editions go to the desk, not to From.

describeEachDatabase("a newsletter's Reply-To", (get) => {
  let app: FastifyInstance;
  let admin: SignedIn;
  let inbox: MailInbox;
  const patch = (id: number, payload: object) =>
    app.inject({ method: "PATCH", url: `/api/newsroom/newsletters/${id}`, headers: admin.headers, payload });

  beforeAll(async () => {
    const { handle, config } = get();
    inbox = await startMailInbox();
    app = await buildApp({ config, db: handle.db, logger: false, mailer: createMailer(config) });
    admin = await signedIn(handle.db, "admin", new Date());
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
  });

  it("is set and cleared by an admin, checked as an address, and carried by every copy of its editions", async () => {
    const { handle, config } = get();
    const db = handle.db;
    const breaking = await db
      .selectFrom("newsletters")
      .select("id")
      .where("slug", "=", "breaking-news")
      .executeTakeFirstOrThrow();
    expect((await patch(breaking.id, { replyTo: "not an address" })).statusCode).toBe(400);
    expect((await patch(breaking.id, { replyTo: "desk@example.org\r\nBcc: x@example.org" })).statusCode).toBe(400);
    const set = await patch(breaking.id, { replyTo: "Desk@Example.org" });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ slug: "breaking-news", replyTo: "desk@example.org" });

    await subscribeTo(db, "reader@example.org", "breaking-news");
    const section = await buildSection(db, { slug: "reply-uk", name: "UK" });
    const story = await buildArticle(db, {
      sectionId: section.id,
      slug: "reply-story",
      headline: "Reply",
      publishedAt: new Date(),
    });
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    const links = newsletterLinks(config.siteUrl, await loadSigner(db));
    const site = { name: "London Daily", url: config.siteUrl, timeZone: config.timeZone };
    try {
      await sendBreakingAlert({ db, mailer, links, site, now: () => new Date() }, story.id);
    } finally {
      await mailer.close();
    }
    const [mail] = await inbox.waitFor(1);
    expect(mail!.replyTo?.value[0]?.address).toBe("desk@example.org");
    expect(mail!.from?.value[0]?.address).toMatch(/^newsletters@/);

    const cleared = await patch(breaking.id, { replyTo: null });
    expect(cleared.json()).toMatchObject({ replyTo: null });
  });
});
