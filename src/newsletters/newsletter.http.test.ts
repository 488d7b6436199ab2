import type { FastifyInstance } from "fastify";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";
import { type MailInbox, startMailInbox } from "../../test/support/mail-inbox.js";

// Double opt-in end to end: the sign-up form, a real SMTP server receiving the confirmation, the
// link in it, the preferences page and RFC 8058 one-click unsubscribe.

const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
  return { headers: { "content-type": "application/x-www-form-urlencoded" }, payload: params.toString() };
};
const linkIn = (mail: ParsedMail, path: string) => {
  const match = new RegExp(`http://localhost:3000(${path}[^\\s"<>]*)`).exec(mail.text ?? "");
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1]!.replaceAll("&amp;", "&");
};

describeEachDatabase("newsletter sign-up", (get) => {
  let app: FastifyInstance;
  let sink: MailInbox;
  let ip = 0;
  const subscribe = (fields: Record<string, string | string[]>) =>
    app.inject({ method: "POST", url: "/newsletters/subscribe", remoteAddress: `198.51.${ip}.7`, ...form(fields) });

  beforeAll(async () => {
    const { handle, config } = get();
    await buildNewsroom(handle.db);
    sink = await startMailInbox();
    app = await buildApp({ config: { ...config, smtpUrl: sink.url }, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
  });
  beforeEach(() => {
    sink.messages.length = 0;
    ip += 1;
  });

  it("sends a confirmation, confirms through its link, and sends nothing else before that", async () => {
    const res = await subscribe({
      email: "Reader@Example.org",
      newsletter: "morning-headlines",
      returnTo: "/uk/night-buses-return",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/newsletters/check-your-inbox?from=%2Fuk%2Fnight-buses-return");
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toMatchObject({ value: [{ address: "reader@example.org" }] });
    expect(mail!.subject).toBe("Confirm your London Daily newsletters");
    expect(mail!.html).toContain("Yes, sign me up");
    expect(mail!.text).toContain("Morning Headlines");

    const db = get().handle.db;
    const status = () =>
      db
        .selectFrom("subscriptions as s")
        .innerJoin("subscribers as p", "p.id", "s.subscriber_id")
        .innerJoin("newsletters as n", "n.id", "s.newsletter_id")
        .select(["n.slug", "s.status"])
        .where("p.email", "=", "reader@example.org")
        .execute();
    expect(await status()).toEqual([{ slug: "morning-headlines", status: "pending" }]);

    // Following the link (as a mail scanner does) only asks: nobody is signed up by a GET.
    const asked = await app.inject(linkIn(mail!, "/newsletters/confirm"));
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain("Confirm your subscription");
    expect(asked.body).toMatch(/<form method="post" action="\/newsletters\/confirm\?token=[^"]+"/);
    expect(await status()).toEqual([{ slug: "morning-headlines", status: "pending" }]);
    // The page's button (a POST to the same address) confirms.
    const confirmed = await app.inject({ method: "POST", url: linkIn(mail!, "/newsletters/confirm") });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("You are signed up");
    expect(await status()).toEqual([{ slug: "morning-headlines", status: "confirmed" }]);
    // Pressing it again changes nothing and still says yes.
    expect((await app.inject({ method: "POST", url: linkIn(mail!, "/newsletters/confirm") })).statusCode).toBe(200);
  });

  it("answers the same for a known address and sends no second confirmation once confirmed", async () => {
    const res = await subscribe({ email: "reader@example.org", newsletter: "morning-headlines", returnTo: "/" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/newsletters/check-your-inbox?from=%2F");
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages).toHaveLength(0);
  });

  it("lets a reader choose several newsletters on the newsletters page", async () => {
    const page = await app.inject("/newsletters");
    expect(page.body).toContain('value="video"');
    expect(page.body).toContain('value="breaking-news"');
    await subscribe({ email: "many@example.org", newsletter: ["morning-headlines", "breaking-news"], returnTo: "/" });
    const [mail] = await sink.waitFor(1);
    expect(mail!.text).toMatch(/Morning Headlines, Breaking news/);
  });

  it("goes back to where the reader was after signing up from the newsletters page", async () => {
    // Every page's footer links the sign-up page with the page it is on.
    const article = await app.inject("/uk/night-buses-return");
    expect(article.body).toContain('href="/newsletters?from=%2Fuk%2Fnight-buses-return"');
    const returnTo = (body: string) => /name="returnTo" value="([^"]*)"/.exec(body)?.[1];
    expect(returnTo((await app.inject("/newsletters?from=%2Fuk%2Fnight-buses-return")).body)).toBe(
      "/uk/night-buses-return",
    );
    // Without it (an old link, a bookmark): the referring page of this site, never another site's.
    const site = get().config.siteUrl;
    const viaReferer = (referer: string) => app.inject({ url: "/newsletters", headers: { referer } });
    expect(returnTo((await viaReferer(`${site}/world/ferries-in-rotterdam`)).body)).toBe("/world/ferries-in-rotterdam");
    expect(returnTo((await viaReferer("https://elsewhere.example/uk/night-buses-return")).body)).toBe("/");
    expect(returnTo((await viaReferer(`${site}/newsletters/check-your-inbox`)).body)).toBe("/");
    const done = await subscribe({
      email: "back@example.org",
      newsletter: "morning-headlines",
      returnTo: "/uk/night-buses-return",
    });
    const inbox = await app.inject(String(done.headers.location));
    expect(inbox.body).toContain('<a href="/uk/night-buses-return">Back to where you were</a>');
  });

  it("rejects bad addresses with a message, and quietly ignores bots", async () => {
    for (const [email, message] of [
      ["not-an-address", "Enter a valid email address"],
      ["someone@mailinator.com", "throw-away inboxes"],
      [`${"a".repeat(10_000)}@example.org`, "too long"],
      ["victim@example.org\r\nBcc: everyone@example.org", "Enter a valid email address"],
    ] as const) {
      const res = await subscribe({ email, newsletter: "morning-headlines", returnTo: "/" });
      expect(res.statusCode, email.slice(0, 40)).toBe(400);
      expect(res.body).toContain(message);
    }
    expect((await subscribe({ email: "x@example.org", returnTo: "/" })).body).toContain(
      "Choose at least one newsletter",
    );
    const bot = await subscribe({
      email: "bot@example.org",
      newsletter: "morning-headlines",
      website: "http://spam.example",
    });
    expect(bot.statusCode).toBe(303);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages).toHaveLength(0);
    const rows = await get()
      .handle.db.selectFrom("subscribers")
      .select("email")
      .where("email", "=", "bot@example.org")
      .execute();
    expect(rows).toEqual([]);
  });

  it("limits sign-ups per network", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await subscribe({ email: `reader${i}@example.org`, newsletter: "morning-headlines", returnTo: "/" });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    }
    expect(codes.filter((c) => c === 303)).toHaveLength(30);
    expect(codes.at(-1)).toBe(429);
  });

  it("refuses tampered and expired confirmation links with a way forward", async () => {
    await subscribe({ email: "late@example.org", newsletter: "morning-headlines", returnTo: "/" });
    const [mail] = await sink.waitFor(1);
    const link = linkIn(mail!, "/newsletters/confirm");
    const tampered = await app.inject(link.replace(/token=./, "token=x"));
    expect(tampered.statusCode).toBe(400);
    expect(tampered.body).toContain("This link does not work");
    const { handle, config } = get();
    const later = await buildApp({
      config,
      db: handle.db,
      now: () => new Date(NOW.getTime() + 8 * 86_400_000),
      logger: false,
    });
    const expired = await later.inject(link);
    await later.close();
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain("This link has expired");
    expect(expired.body).toContain('href="/newsletters"');
  });

  it("manages preferences and unsubscribes in one click (RFC 8058), never on a bare GET", async () => {
    await subscribe({ email: "prefs@example.org", newsletter: ["morning-headlines", "video"], returnTo: "/" });
    const [mail] = await sink.waitFor(1);
    const confirmed = await app.inject({ method: "POST", url: linkIn(mail!, "/newsletters/confirm") });
    const prefsPath = /href="http:\/\/localhost:3000(\/newsletters\/preferences\?[^"]+)"/
      .exec(confirmed.body)![1]!
      .replaceAll("&amp;", "&");
    const prefs = await app.inject(prefsPath);
    expect(prefs.body).toContain("prefs@example.org");
    expect(prefs.body).toMatch(/id="pref-video"[^>]*checked/);

    const { s, x, t } = Object.fromEntries(new URL(prefsPath, "http://x").searchParams) as Record<string, string>;
    const saved = await app.inject({
      method: "POST",
      url: "/newsletters/preferences",
      ...form({ s: s!, x: x!, t: t!, newsletter: ["morning-headlines", "breaking-news"], action: "save" }),
    });
    expect(saved.body).toContain("Your choices are saved.");
    expect(saved.body).not.toMatch(/id="pref-video"[^>]*checked/);
    expect(saved.body).toMatch(/id="pref-breaking-news"[^>]*checked/);
    const forged = await app.inject({
      method: "POST",
      url: "/newsletters/preferences",
      ...form({ s: String(Number(s) + 1), x: x!, t: t!, action: "unsubscribe-all" }),
    });
    expect(forged.statusCode).toBe(400);

    expect((await app.inject(`/newsletters/unsubscribe?s=${s}&n=morning-headlines&t=nonsense`)).statusCode).toBe(400);
    const db = get().handle.db;
    const row = await db
      .selectFrom("subscribers")
      .select("id")
      .where("email", "=", "prefs@example.org")
      .executeTakeFirstOrThrow();
    expect(String(row.id)).toBe(s);

    const all = await app.inject({
      method: "POST",
      url: "/newsletters/preferences",
      ...form({ s: s!, x: x!, t: t!, action: "unsubscribe-all" }),
    });
    expect(all.body).toContain("unsubscribed from everything");
    const after = await db
      .selectFrom("subscribers")
      .select("status")
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("unsubscribed");
  });
});
