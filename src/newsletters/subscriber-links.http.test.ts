import type { FastifyInstance } from "fastify";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";
import { loadSigner } from "../platform/signing.js";
import { PREFERENCES_DAYS } from "./newsletter-links.js";
import { loadLegacyPreferencesUntil } from "./subscription.queries.js";

// Subscriber links are bearer secrets: they stay out of the request log, the preferences link (which
// shows the address) expires and offers a fresh one by email, and unsubscribing keeps working for ever.

const DAY = 86_400_000;
const ADDRESS = "holder@example.org";
const form = (fields: Record<string, string>) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  payload: new URLSearchParams(fields).toString(),
});
const path = (url: string) => url.replace(/^http:\/\/localhost:3000/, "").replaceAll("&amp;", "&");
const linkIn = (text: string, route: string) => {
  const match = new RegExp(`http://localhost:3000${route}[^\\s"<>]*`).exec(text);
  if (!match) throw new Error(`no ${route} link in: ${text}`);
  return path(match[0]);
};
const query = (url: string) => Object.fromEntries(new URL(url, "http://x").searchParams);

describeEachDatabase("subscriber links", (get) => {
  let inbox: MailInbox;
  const log: string[] = [];
  const apps: FastifyInstance[] = [];
  /** The site at NOW plus `days`, mailing to the test inbox, logging into `log`. */
  const siteAt = async (days: number) => {
    const { handle, config } = get();
    const app = await buildApp({
      config: { ...config, smtpUrl: inbox.url, logLevel: "info" },
      db: handle.db,
      now: () => new Date(NOW.getTime() + days * DAY),
      logStream: { write: (line) => void log.push(line) },
    });
    apps.push(app);
    return app;
  };
  let site: FastifyInstance;
  let confirmUrl = "";
  let preferencesUrl = "";
  let unsubscribeUrl = "";

  beforeAll(async () => {
    await buildNewsroom(get().handle.db);
    inbox = await startMailInbox();
    site = await siteAt(0);
    await site.inject({
      method: "POST",
      url: "/newsletters/subscribe",
      ...form({ email: ADDRESS, newsletter: "morning-headlines", returnTo: "/" }),
    });
    const [mail] = await inbox.waitFor(1);
    confirmUrl = linkIn(mail!.text!, "/newsletters/confirm");
    const confirmed = await site.inject({ method: "POST", url: confirmUrl });
    preferencesUrl = linkIn(confirmed.body, "/newsletters/preferences");
    const signer = await loadSigner(get().handle.db);
    const { s } = query(preferencesUrl);
    unsubscribeUrl = `/newsletters/unsubscribe?s=${s}&n=morning-headlines&t=${signer.mac("unsubscribe", `${s}:morning-headlines`)}`;
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await inbox?.close();
  });
  beforeEach(() => {
    inbox.messages.length = 0;
  });

  it("keeps every token out of the request log", async () => {
    log.length = 0;
    await site.inject(confirmUrl);
    await site.inject(preferencesUrl);
    await site.inject(unsubscribeUrl);
    await site.inject(`${preferencesUrl}x`); // a link that does not check out is logged the same way
    await site.inject("/preview/a-preview-token.with-its-mac");
    const written = log.join("");
    expect(written).toContain('"url":"/newsletters/confirm?token=[redacted]"');
    expect(written).toContain("/newsletters/preferences?s=");
    expect(written).toContain("/preview/[redacted]");
    for (const url of [confirmUrl, preferencesUrl, unsubscribeUrl]) {
      const { token, t } = query(url);
      expect(written).not.toContain((token ?? t)!);
    }
    expect(written).not.toContain("a-preview-token");
  });

  it("lets a preferences link work for its lifetime, then offers a fresh one by email without showing the address", async () => {
    expect(query(preferencesUrl).x).toBeDefined();
    const late = await (await siteAt(PREFERENCES_DAYS - 1)).inject(preferencesUrl);
    expect(late.statusCode).toBe(200);
    expect(late.body).toContain(ADDRESS);

    const later = await siteAt(PREFERENCES_DAYS + 1);
    const expired = await later.inject(preferencesUrl);
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain("This link has expired");
    expect(expired.body).not.toContain(ADDRESS);
    expect(expired.body).not.toContain('name="newsletter"');
    // Its form saves nothing either.
    const { s, x, t } = query(preferencesUrl) as Record<string, string>;
    const save = await later.inject({
      method: "POST",
      url: "/newsletters/preferences",
      ...form({ s: s!, x: x!, t: t!, action: "unsubscribe-all" }),
    });
    expect(save.statusCode).toBe(400);
    expect(save.body).not.toContain(ADDRESS);

    const asked = await later.inject({
      method: "POST",
      url: "/newsletters/preferences/new-link",
      ...form({ s: s!, x: x!, t: t! }),
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("We have emailed a new link");
    expect(asked.body).not.toContain(ADDRESS);
    const [mail] = await inbox.waitFor(1);
    expect(addressOf(mail!)).toBe(ADDRESS);
    const fresh = linkIn(mail!.text!, "/newsletters/preferences");
    const opened = await later.inject(fresh);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(ADDRESS);
  });

  it("sends nothing for a forged request, and only a few for a genuine one", async () => {
    const { s, x, t } = query(preferencesUrl) as Record<string, string>;
    const forged = await site.inject({
      method: "POST",
      url: "/newsletters/preferences/new-link",
      ...form({ s: String(Number(s) + 1), x: x!, t: t! }),
    });
    expect(forged.statusCode).toBe(400);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await site.inject({
        method: "POST",
        url: "/newsletters/preferences/new-link",
        ...form({ s: s!, x: x!, t: t! }),
      });
      codes.push(res.statusCode);
    }
    // Three an hour per subscriber.
    expect(codes).toEqual([200, 200, 200, 429]);
    await inbox.waitFor(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.messages).toHaveLength(3);
  });

  it("honours preferences links sent before links expired for 30 days after the upgrade", async () => {
    const db = get().handle.db;
    const until = (await loadLegacyPreferencesUntil(db))!;
    expect(until.getTime()).toBeGreaterThan(Date.now() + (PREFERENCES_DAYS - 1) * DAY);
    const { s } = query(preferencesUrl);
    const signer = await loadSigner(db);
    const legacy = `/newsletters/preferences?s=${s}&t=${signer.mac("preferences", String(s))}`;
    const days = (until.getTime() - NOW.getTime()) / DAY;
    expect((await (await siteAt(days - 1)).inject(legacy)).statusCode).toBe(200);
    const after = await (await siteAt(days + 1)).inject(legacy);
    expect(after.statusCode).toBe(400);
    expect(after.body).toContain("This link has expired");
  });

  it("unsubscribes in one click from a years-old email, and offers preferences only by email", async () => {
    const years = await siteAt(5 * 365);
    const page = await years.inject(unsubscribeUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("/newsletters/preferences?");
    expect(page.body).not.toContain(ADDRESS);
    const done = await years.inject({
      method: "POST",
      url: unsubscribeUrl,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("You are unsubscribed");
    const status = await get()
      .handle.db.selectFrom("subscriptions")
      .select("status")
      .where("subscriber_id", "=", Number(query(unsubscribeUrl).s))
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("unsubscribed");
  });
});

function addressOf(mail: ParsedMail): string | undefined {
  return mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined;
}
