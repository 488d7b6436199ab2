import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { composeMorningHeadlines } from "../newsletters/edition.js";
import { newsletterLinks } from "../newsletters/newsletter-links.js";
import { sendEdition } from "../newsletters/send-edition.js";
import { createMailer } from "../platform/mail/mailer.js";
import { loadSigner } from "../platform/signing.js";
import { zonedIsoDate } from "../platform/time.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildSection } from "../../test/support/factories.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { signedIn } from "../../test/support/newsroom-session.js";
import { subscribeTo } from "../../test/support/newsletter-fixtures.js";
import { AudienceCounter } from "./audience-counter.js";

// A newsletter edition's figures without open pixels, over real SMTP: its links to the site carry
// the edition, its unsubscribe links name it (old links keep working and count nowhere), and a
// sign-up made on a story is credited to that story.

const TZ = "Europe/London";
const SITE = "http://localhost:3000";
const READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140 Safari/537.36";
const local = (url: string) => url.replace(SITE, "").replaceAll("&amp;", "&");

describeEachDatabase("an edition's audience", (get) => {
  let inbox: MailInbox;
  let app: FastifyInstance;
  let db: Db;
  let audience: AudienceCounter;
  const now = new Date();
  let story: { id: number };

  beforeAll(async () => {
    const { handle, config } = get();
    db = handle.db;
    const uk = await buildSection(db, { slug: "uk", name: "UK" });
    story = await buildArticle(db, {
      sectionId: uk.id,
      slug: "edition-lead",
      headline: "The lead of the edition",
      publishedAt: new Date(now.getTime() - 3_600_000),
    });
    inbox = await startMailInbox();
    audience = new AudienceCounter(TZ, () => now);
    app = await buildApp({ config: { ...config, smtpUrl: inbox.url }, db, now: () => now, logger: false, audience });
  });
  afterAll(async () => {
    await app?.close();
    await inbox?.close();
  });

  it("counts the visits its links bring and the readers who left through it", async () => {
    const { config } = get();
    await subscribeTo(db, "leaver@example.org", "morning-headlines");
    await subscribeTo(db, "stayer@example.org", "morning-headlines");
    expect(await composeMorningHeadlines(db, { now, timeZone: TZ })).toMatchObject({ status: "composed" });
    const mailer = createMailer({ ...config, smtpUrl: inbox.url });
    const links = newsletterLinks(SITE, await loadSigner(db));
    const editionDate = zonedIsoDate(now, TZ);
    await sendEdition(
      { db, mailer, links, site: { name: "London Daily", url: SITE, timeZone: TZ }, now: () => now },
      { newsletter: "morning-headlines", editionDate },
    );
    await mailer.close();
    const mails = await inbox.waitFor(2);
    const mail = mails.find((m) => JSON.stringify(m.to).includes("leaver@"))!;
    const key = `morning-headlines/${editionDate}`;
    const edition = await db
      .selectFrom("briefings")
      .select("id")
      .where("newsletter", "=", "morning-headlines")
      .where("edition_date", "=", editionDate)
      .executeTakeFirstOrThrow();

    // The story link carries the edition, in the HTML and the plain text alike.
    const tagged = `${SITE}/uk/edition-lead?utm_source=morning-headlines&utm_medium=email&utm_campaign=${encodeURIComponent(key)}`;
    expect(String(mail.html)).toContain(tagged.replaceAll("&", "&amp;"));
    expect(mail.text).toContain(tagged);
    // The unsubscribe link names the edition; the preferences link is left alone.
    const unsubscribe = local(/http:\/\/localhost:3000\/newsletters\/unsubscribe\?[^\s"<>]+/.exec(mail.text!)![0]);
    expect(unsubscribe).toContain(`&e=${edition.id}&`);
    expect(mail.text).not.toMatch(/preferences\?[^\s]*utm_/);

    // A reader follows the link: the beacon sends the page's campaign parameters.
    await app.inject({
      method: "POST",
      url: "/api/audience/beacon",
      headers: { "content-type": "text/plain", "user-agent": READER },
      payload: JSON.stringify({ k: "v", i: "fromtheemail", a: story.id, r: "", u: ["newsletter", "email", key] }),
    });
    await audience.flush(db);

    // Leaving through it counts once, however often the link is followed.
    expect((await app.inject({ method: "POST", url: unsubscribe })).statusCode).toBe(200);
    expect((await app.inject({ method: "POST", url: unsubscribe })).statusCode).toBe(200);
    // A link with the edition changed is not ours.
    const forged = unsubscribe.replace(`&e=${edition.id}&`, `&e=${edition.id + 1}&`);
    expect((await app.inject({ method: "POST", url: forged })).statusCode).toBe(400);

    // A link of the old form (no edition) still works, and counts against no edition.
    const signer = await loadSigner(db);
    const stayer = await db
      .selectFrom("subscribers")
      .select("id")
      .where("email", "=", "stayer@example.org")
      .executeTakeFirstOrThrow();
    const old = `/newsletters/unsubscribe?s=${stayer.id}&n=morning-headlines&t=${signer.mac("unsubscribe", `${stayer.id}:morning-headlines`)}`;
    expect((await app.inject({ method: "POST", url: old })).statusCode).toBe(200);
    const statuses = await db.selectFrom("subscriptions").select("status").execute();
    expect(statuses.map((s) => s.status)).toEqual(["unsubscribed", "unsubscribed"]);

    const editor = await signedIn(db, "editor", now);
    const figures = await app.inject({
      url: `/api/newsroom/analytics/editions/${edition.id}`,
      headers: editor.headers,
    });
    expect(figures.statusCode).toBe(200);
    expect(figures.json()).toMatchObject({
      key,
      delivered: 2,
      hardBounces: 0,
      complaints: 0,
      unsubscribed: 1,
      visits: 1,
      stories: [{ id: story.id, visits: 1 }],
    });
  });

  it("credits a newsletter sign-up to the story it was made on", async () => {
    const signup = await app.inject({
      method: "POST",
      url: "/newsletters/subscribe",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        email: "new-reader@example.org",
        newsletter: "morning-headlines",
        returnTo: "/uk/edition-lead",
      }).toString(),
    });
    expect(signup.statusCode).toBe(303);
    await audience.flush(db);
    const editor = await signedIn(db, "editor", now);
    const figures = await app.inject({ url: `/api/newsroom/analytics/articles/${story.id}`, headers: editor.headers });
    expect(figures.json()).toMatchObject({ signups: 1, views: 1 });
  });
});
