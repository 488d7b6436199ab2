import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { NOW, buildNewsroom } from "../../test/support/newsroom-fixture.js";

const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, any>,
  );

describeEachDatabase("article page", (get) => {
  let app: FastifyInstance;
  let html = "";

  beforeAll(async () => {
    const { handle, config } = get();
    await buildNewsroom(handle.db);
    app = await buildApp({ config, db: handle.db, now: () => NOW, logger: false });
    const res = await app.inject("/uk/night-buses-return");
    expect(res.statusCode).toBe(200);
    html = res.body;
  });
  afterAll(() => app?.close());

  it("answers with cacheable HTML and security headers", async () => {
    const res = await app.inject("/uk/night-buses-return");
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toMatch(/^public, max-age=0, must-revalidate/);
    expect(res.headers.etag).toMatch(/^W\/"/);
    expect(String(res.headers["surrogate-key"]).split(" ")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^story-\d+$/),
        "author-ada-okafor",
        "topic-transport",
        "rail-frame",
      ]),
    );
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("shows the masthead, navigation, today's date and a search box", () => {
    expect(html).toContain('<a href="/" class="brand-name" rel="home">London Daily</a>');
    expect(html).toContain("Focus on the big picture.");
    expect(html).toContain('<time dateTime="2026-07-01">Wednesday 1 July 2026</time>'.replace("dateTime", "datetime"));
    expect(html).toMatch(/<nav class="sections-nav" aria-label="Sections">.*href="\/uk".*href="\/world"/s);
    expect(html).toContain('action="/search"');
  });

  it("shows kicker, headline, standfirst, linked bylines and dates with time", () => {
    expect(html).toContain('<h1 id="article-headline">Night buses return to the river crossings</h1>');
    expect(html).toContain("Six routes restored after a two-year gap.");
    expect(html).toContain('<a href="/authors/ada-okafor" rel="author">Ada Okafor</a>');
    expect(html).toContain('<a href="/authors/ben-marsh" rel="author">Ben Marsh</a>');
    expect(html).toContain('<time datetime="2026-07-01T09:00:00+01:00">1 July 2026, 09:00 BST</time>');
    expect(html).toContain('Updated <time datetime="2026-07-01T10:00:00+01:00">');
  });

  it("shows the hero with caption, credit and responsive sources", () => {
    expect(html).toMatch(
      /<figure class="hero"><picture><source type="image\/webp" srcset="\/media\/images\/test\/hero-320.webp 320w, \/media\/images\/test\/hero-640.webp 640w"/,
    );
    expect(html).toContain('fetchpriority="high"');
    expect(html).toContain("Hero caption");
    expect(html).toContain("Hero credit");
  });

  it("renders the body, tags and the correction note", () => {
    expect(html).toContain("The first bus left at midnight.");
    expect(html).toMatch(/<figure class="pull-quote">.*We missed this road\..*A driver/s);
    expect(html).toContain('<a href="/tags/transport">Transport</a>');
    expect(html).toMatch(/<strong>Correction<\/strong>.*An earlier version misnamed the depot\./s);
  });

  it("still renders when an embedded image file is missing", () => {
    // The image row exists but its file does not: the page renders and the figure keeps its alt text.
    expect(html).toContain('alt="A depot at night"');
  });

  it("has the Newsletter block, Related Articles and Today's headlines", () => {
    expect(html).toMatch(/<h2 id="article-newsletter-title">Newsletter<\/h2>/);
    expect(html).toMatch(/<form method="post" action="\/newsletters\/subscribe"/);
    const related = html.slice(html.indexOf("Related Articles"), html.indexOf('<div class="rail">'));
    expect(related).toContain("Ferries double in a port city");
    expect(related).toContain("Libraries open later on Thursdays");
    expect(related).not.toContain("Night buses return");
    // Shared tag outranks same section.
    expect(related.indexOf("Ferries double")).toBeLessThan(related.indexOf("Libraries open later"));
    const start = html.indexOf('<section class="headline-list headline-list-time"');
    const todays = html.slice(start, html.indexOf("</section>", start));
    expect(todays).toContain("Night buses return");
    expect(todays).toContain("Filed just after midnight");
    expect(todays).not.toContain("Filed late last night");
    expect(todays).not.toContain("A draft nobody should see");
    expect(todays).not.toContain("Libraries open later");
  });

  it("shows the last 24 hours, marked as yesterday's, before today's first story", async () => {
    // 00:30 BST on 2 July: nothing yet on the 2nd; the 1st's stories are within 24 hours.
    const early = await buildApp({
      config: get().config,
      db: get().handle.db,
      now: () => new Date("2026-07-01T23:30:00Z"),
      logger: false,
    });
    try {
      const page = (await early.inject("/uk/night-buses-return")).body;
      const start = page.indexOf('<section class="headline-list headline-list-time"');
      const rail = page.slice(start, page.indexOf("</section>", start));
      expect(rail).toContain("Today's headlines");
      expect(rail).toContain("Nothing published yet today. The latest:");
      expect(rail).toContain("Night buses return to the river crossings");
      expect(rail).toMatch(/<span class="headline-list-day">Yesterday <\/span>09:00/);
      expect(rail).not.toContain("Filed late last night"); // more than 24 hours before
      // The 1st's briefing is no longer today's.
      expect(page).toContain("The latest briefing: ");
      expect(page).not.toContain("Today's briefing");
    } finally {
      await early.close();
    }
  });

  it("links the latest Morning Headlines briefing", () => {
    expect(html).toContain(
      '<a href="/morning-headlines/2026-07-01">London Daily Morning Headlines - Wednesday, July 1 2026</a>',
    );
    expect(html).toContain("Today's briefing: ");
  });

  it("plays its own video in the story, titled and clocked, never autoplaying; no player docks on arrival", () => {
    const article = html.slice(html.indexOf('<article class="article"'), html.indexOf("</article>"));
    expect(article).toContain('data-island="FloatingPlayer"');
    expect(article).toContain('<p class="player-title">The bridge in ten seconds</p>');
    expect(html).toMatch(/0:00 \/ 0:10/);
    // Close belongs to a docked player, and nothing docks before the reader starts it.
    expect(html).not.toContain(">Close</button>");
    expect(html).not.toContain("is-docked");
    expect(html).not.toMatch(/autoplay/i);
    expect(html.match(/data-island="FloatingPlayer"/g)).toHaveLength(1);
  });

  it("shows no player on a story without a video, and does not depend on the featured video", async () => {
    const res = await app.inject("/world/ferries-in-rotterdam");
    expect(res.body).not.toContain('data-island="FloatingPlayer"');
    expect(res.body).not.toContain("<video");
    expect(String(res.headers["surrogate-key"]).split(" ")).not.toContain("rail-player");
  });

  it("offers share links: copy (with JavaScript), email and the networks' own pages, no scripts of theirs", () => {
    const share = html.slice(
      html.indexOf('aria-label="Share this story"'),
      html.indexOf("</nav>", html.indexOf("Share this story")),
    );
    const url = encodeURIComponent("http://localhost:3000/uk/night-buses-return");
    expect(share).toContain('data-island="CopyLink"');
    expect(share).toContain(`href="mailto:?subject=Night%20buses%20return%20to%20the%20river%20crossings&amp;body=`);
    expect(share).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${url}"`);
    expect(share).toContain(`https://x.com/intent/post?url=${url}`);
    expect(share).toContain("https://www.linkedin.com/sharing/share-offsite/?url=");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  it("tells search engines and social platforms they may show its large picture", () => {
    expect(html).toContain('<meta name="robots" content="max-image-preview:large"/>');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
  });

  it("describes itself for search engines and social cards", () => {
    expect(html).toContain('<link rel="canonical" href="http://localhost:3000/uk/night-buses-return"/>');
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain('<meta property="og:image" content="http://localhost:3000/media/images/test/hero.jpg"/>');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    const article = jsonLd(html).find((d) => d["@type"] === "NewsArticle");
    expect(article).toMatchObject({
      headline: "Night buses return to the river crossings",
      description: "Six routes restored after a two-year gap.",
      image: ["http://localhost:3000/media/images/test/hero.jpg"],
      datePublished: "2026-07-01T09:00:00+01:00",
      dateModified: "2026-07-01T10:00:00+01:00",
      author: [
        { "@type": "Person", name: "Ada Okafor", url: "http://localhost:3000/authors/ada-okafor" },
        { "@type": "Person", name: "Ben Marsh", url: "http://localhost:3000/authors/ben-marsh" },
      ],
      publisher: { name: "London Daily", logo: { url: "http://localhost:3000/assets/logo-512.png" } },
      mainEntityOfPage: { "@id": "http://localhost:3000/uk/night-buses-return" },
    });
  });

  it("redirects a renamed article's old slug and a wrong section with 301", async () => {
    const old = await app.inject("/uk/night-buses-come-back");
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe("/uk/night-buses-return");
    const wrongSection = await app.inject("/world/night-buses-return");
    expect(wrongSection.statusCode).toBe(301);
    expect(wrongSection.headers.location).toBe("/uk/night-buses-return");
  });

  it("answers 404 in the site's design for drafts and unknown articles", async () => {
    for (const url of ["/uk/unfinished-draft", "/uk/no-such-story", "/uk/%F0%9F%98%80", `/uk/${"a".repeat(150)}`]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain("Page not found");
      expect(res.body).toContain("London Daily");
    }
  });
});
