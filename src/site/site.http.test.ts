import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { openDatabase } from "../database.js";
import { TEST_DATA_DIR, describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";

describeEachDatabase("reader site routes", (get) => {
  let app: FastifyInstance;
  let fixture: Awaited<ReturnType<typeof buildNewsroom>>;

  beforeAll(async () => {
    const { handle, config } = get();
    fixture = await buildNewsroom(handle.db);
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  it("serves the home page: lead, top stories, sections, most read, today's headlines, newsletter", async () => {
    const res = await app.inject("/");
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("<title>London Daily - Focus on the big picture.</title>");
    const lead = html.slice(html.indexOf('class="lead"'), html.indexOf('class="top-stories"'));
    expect(lead).toContain("Night buses return to the river crossings");
    expect(html).toContain('id="top-title"');
    expect(html).toContain('id="most-read"');
    expect(html).toContain("Today's headlines");
    expect(html).toContain('id="home-newsletter-title"');
    expect(html).not.toContain("A draft nobody should see");
    const types = [...html.matchAll(/"@type":"(\w+)"/g)].map((m) => m[1]);
    expect(types).toContain("NewsMediaOrganization");
    expect(types).toContain("WebSite");
    expect(html).toContain('data-island="FloatingPlayer"');
  });

  it("serves section pages with pagination bounds", async () => {
    const res = await app.inject("/uk");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1>UK</h1>");
    expect(res.body).toContain("Night buses return");
    expect(res.body).toContain('aria-current="page"');
    expect((await app.inject("/uk?page=2")).statusCode).toBe(404);
    expect((await app.inject("/uk?page=0")).statusCode).toBe(400);
    expect((await app.inject("/uk?page=abc")).statusCode).toBe(400);
    expect((await app.inject("/no-such-section")).statusCode).toBe(404);
  });

  it("serves tag and author pages", async () => {
    const tag = await app.inject("/tags/transport");
    expect(tag.statusCode).toBe(200);
    expect(tag.body).toContain("<h1>Transport</h1>");
    expect(tag.body).toContain("Ferries double in a port city");
    expect(tag.body).not.toContain("Libraries open later");
    const author = await app.inject("/authors/ada-okafor");
    expect(author.statusCode).toBe(200);
    expect(author.body).toContain("<h1>Ada Okafor</h1>");
    expect(author.body).toContain("Libraries open later on Thursdays");
    expect(author.body).not.toContain("Ferries double");
    expect((await app.inject("/tags/nothing")).statusCode).toBe(404);
    expect((await app.inject("/authors/nobody")).statusCode).toBe(404);
  });

  it("shows an author's links (well-formed web addresses only)", async () => {
    await get()
      .handle.db.updateTable("authors")
      .set({
        links: JSON.stringify([
          { label: "Website", url: "https://ada.example/" },
          { label: "Bad", url: "javascript:alert(1)" },
        ]),
      })
      .where("slug", "=", "ada-okafor")
      .execute();
    // Written behind the newsroom's back: a fresh app reads it (the other's cache does not know).
    const { handle, config } = get();
    const fresh = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
    const author = (await fresh.inject("/authors/ada-okafor")).body;
    await fresh.close();
    expect(author).toContain('<a href="https://ada.example/" rel="me noopener">Website</a>');
    expect(author).not.toContain("javascript:");
    expect(author).toContain('"sameAs":["https://ada.example/"]');
  });

  it("serves Morning Headlines editions and the archive", async () => {
    const edition = await app.inject("/morning-headlines/2026-07-01");
    expect(edition.statusCode).toBe(200);
    expect(edition.body).toContain("<h1>London Daily Morning Headlines - Wednesday, July 1 2026</h1>");
    const items = edition.body.slice(edition.body.indexOf('class="briefing-items"'));
    expect(items.indexOf("Ferries double")).toBeLessThan(items.indexOf("Night buses return"));
    expect(items).toContain("Line for item 1.");
    const archive = await app.inject("/morning-headlines");
    expect(archive.statusCode).toBe(200);
    expect(archive.body.indexOf("Wednesday, July 1 2026")).toBeLessThan(archive.body.indexOf("Tuesday, June 30 2026"));
    expect((await app.inject("/morning-headlines/2020-01-01")).statusCode).toBe(404);
    expect((await app.inject("/morning-headlines/yesterday")).statusCode).toBe(404);
  });

  it("serves robots.txt and a health check", async () => {
    const robots = await app.inject("/robots.txt");
    expect(robots.statusCode).toBe(200);
    expect(robots.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(robots.body).toContain("User-agent: *");
    expect(robots.body).toContain("Disallow: /search");
    expect((await app.inject("/healthz")).json()).toEqual({ status: "ok", database: "ok" });
    expect((await app.inject("/livez")).json()).toEqual({ status: "ok" });
  });

  it("searches the full text, marks the matches and never fails on odd input", async () => {
    const res = await app.inject("/search?q=night+buses");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toMatch(/private/);
    expect(res.body).toContain('<a href="/uk/night-buses-return"><mark>Night</mark> <mark>buses</mark> return');
    expect(res.body).toMatch(/1 story matches/);
    // The body is searched too: "midnight" is only in the lead's first paragraph.
    expect((await app.inject("/search?q=midnight")).body).toContain("/uk/night-buses-return");
    const long = await app.inject(`/search?q=${"x".repeat(10_000)}`);
    expect(long.statusCode).toBe(200);
    expect(long.body).toContain("Only the first 300 characters");
    for (const q of [
      "%25",
      "_",
      "%22unbalanced",
      "' OR 1=1 --",
      "NEAR(a b)",
      "a*",
      "-x",
      "%F0%9F%9A%8C",
      "%D7%A9%D7%9C%D7%95%D7%9D",
      "",
      "q=a&q=b",
    ]) {
      const r = await app.inject(`/search?q=${q}`);
      expect(r.statusCode, q).toBe(200);
    }
  });

  it("filters by section, author and dates, says what it could not use, and suggests where to go", async () => {
    const inWorld = await app.inject("/search?q=buses&section=world");
    expect(inWorld.body).toContain("No stories match “buses” with these filters.");
    expect(inWorld.body).toContain('href="/search?q=buses">Search every section and date instead');
    expect(inWorld.body).toContain('<a href="/uk">UK</a>');
    expect((await app.inject("/search?q=night&section=uk&author=ada-okafor")).body).toContain("/uk/night-buses-return");
    expect((await app.inject("/search?q=night&author=ben-marsh&from=2026-07-01&to=2026-07-01")).body).toContain(
      "/uk/night-buses-return",
    );
    expect((await app.inject("/search?q=night&from=2026-07-02")).body).toContain("No stories match");
    const odd = await app.inject("/search?q=night&section=nowhere&from=yesterday&page=-3&sort=sideways");
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain("There is no such section");
    expect(odd.body).toContain("is not a date");
    expect(odd.body).toContain("/uk/night-buses-return");
  });

  it("answers bad input with 400 or 404, never 500", async () => {
    const cases: [string, number[]][] = [
      ["/%00", [400]],
      ["/uk/%00evil", [400]],
      ["/../etc/passwd", [400, 404]],
      ["/uk/..%2f..%2fetc%2fpasswd", [400]],
      ["/media/../../etc/passwd", [400, 404]],
      ["/assets/..%2fpackage.json", [400]],
      ["/uk?page=%E0%A4%A", [400]],
      [`/uk?${"a=1&".repeat(400)}`, [400]],
      [`/uk?q=${"x".repeat(13_000)}`, [400]],
      [`/${"junk".repeat(2600)}`, [400, 404]],
      ["/uk/night-buses-return/extra/segments", [404]],
      ["/%E0%A4%A", [400]],
    ];
    for (const [url, expected] of cases) {
      const res = await app.inject({ method: "GET", url });
      expect(expected, `${url.slice(0, 60)} → ${res.statusCode}`).toContain(res.statusCode);
    }
  });

  it("answers a designed 500 page when the database fails", async () => {
    const { config } = get();
    const broken = openDatabase({ ...config, databaseUrl: undefined, dataDir: path.join(TEST_DATA_DIR, "broken") });
    await broken.destroy();
    const failing = await buildApp({ config, db: broken.db, now: () => NOW, logger: false });
    const res = await failing.inject("/");
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain("Something went wrong");
    expect(res.body).toContain("London Daily");
    expect(res.headers["cache-control"]).toBe("private, no-store");
    await failing.close();
  });

  it("answers JSON errors to API clients", async () => {
    const res = await app.inject({ url: "/api/nothing", headers: { accept: "application/json" } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: "NOT_FOUND", message: expect.any(String) } });
  });

  it("serves media with Range requests", async () => {
    const file = path.join(TEST_DATA_DIR, "media/video/test/range.mp4");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
    const res = await app.inject({ url: "/media/video/test/range.mp4", headers: { range: "bytes=10-19" } });
    expect(res.statusCode).toBe(206);
    expect(res.headers["content-range"]).toBe("bytes 10-19/1000");
    expect([...res.rawPayload]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect((await app.inject("/media/images/test/does-not-exist.jpg")).statusCode).toBe(404);
  });

  it("serves self-hosted fonts and hashed assets", async () => {
    const font = await app.inject("/assets/fonts/source-serif-4-latin-400-normal.woff2");
    expect(font.statusCode).toBe(200);
    expect(font.headers["cache-control"]).toContain("immutable");
    const home = await app.inject("/");
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1];
    expect(css).toMatch(/^\/assets\/site\.css\?v=[0-9a-f]{10}$/);
    expect((await app.inject(css!)).statusCode).toBe(200);
    expect(home.body).not.toMatch(/https?:\/\/(?!localhost:3000|schema\.org)[a-z0-9.-]+\//i);
    void fixture;
  });
});
