import { describe, expect, it } from "vitest";
import type { Edition } from "../edition.js";
import type { ArticleSummary } from "../../articles/article.js";
import type { Image } from "../../media/image.js";
import { editionEmail, emailImageSrc } from "./edition-email.js";

const site = { name: "London Daily", url: "https://news.example" };
const long =
  "The Thames barrier closed twice this week as spring tides met a storm surge, and engineers say " +
  "the ageing flood defence will need a successor within twenty years, sooner if seas rise faster.";

const edition = (over: Partial<Edition> = {}): Edition => ({
  briefingId: 1,
  key: "morning-headlines/2026-12-07",
  editionDate: "2026-12-07",
  title: "London Daily Morning Headlines - Monday, December 7 2026",
  intro: long,
  webPath: "/newsletters/morning-headlines/2026-12-07",
  sendStatus: "pending",
  lead: undefined,
  top: [],
  sections: [],
  video: {
    id: 4,
    slug: "thames-barrier-at-dawn",
    title: "The Thames barrier at dawn",
    description: "Two minutes on the river as the gates rise.",
    src: "/media/v.mp4",
    mime: "video/mp4",
    poster: null,
    captions: [],
    durationSeconds: 120,
    width: 1280,
    height: 720,
    publishedAt: "2026-12-06T10:00:00Z",
    url: "/video/thames-barrier-at-dawn",
  },
  ...over,
});

describe("the edition email", () => {
  it("links the Watch item to the video's own page, in both parts", () => {
    const email = editionEmail(edition(), site);
    // Marked as the newsletter's (utm_medium=email), which the site's newsletter prompt reads.
    const link = "https://news.example/video/thames-barrier-at-dawn?utm_source=morning-headlines&utm_medium=email";
    expect(email.html).toContain(`href="${link.replace("&", "&amp;")}"`);
    expect(email.text).toContain(link);
  });

  it("wraps the plain-text part at 78 characters, each URL on a line of its own", () => {
    const { text } = editionEmail(edition(), site);
    const lines = text.split("\n");
    for (const line of lines) {
      if (/https?:\/\//.test(line)) expect(line.trim(), line).toMatch(/^https?:\/\/\S+$/);
      else expect(line.length, line).toBeLessThanOrEqual(78);
    }
    // the words are all there, in order
    expect(text.replace(/\s+/g, " ")).toContain(long);
  });

  it("has a preheader of the edition's summary, then padding so the inbox preview stops there", () => {
    const { preheader, html } = editionEmail(edition(), site);
    expect(preheader).toBe(long);
    const hidden = /<div style="display:none[^>]*>([^]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(hidden.startsWith(long.slice(0, 40))).toBe(true);
    // Preview panes show up to about 140 characters (more on wide screens): the padding outlasts them.
    const padding = hidden.slice(hidden.indexOf("faster.") + "faster.".length);
    expect(padding.match(/&#847;/g)?.length ?? 0).toBeGreaterThanOrEqual(100);
    expect(padding.replace(/&#847;|&zwnj;|&nbsp;|\s/g, "")).toBe("");
  });
});

describe("the lead image", () => {
  const hero: Image = {
    id: 9,
    src: "/media/2026/12/barrier.jpg",
    width: 4032,
    height: 3024,
    alt: "The barrier's gates",
    caption: "",
    credit: "",
    variants: [640, 1280, 1920].map((w) => ({ width: w, src: `/media/2026/12/barrier-${w}.webp` })),
    fallback: [320, 640, 960, 1280, 1920].map((w) => ({ width: w, src: `/media/2026/12/barrier-${w}.jpg` })),
  };

  it("is the narrowest variant in the original's format that covers 2× screens, never the original upload", () => {
    expect(emailImageSrc(hero, 536)).toBe("/media/2026/12/barrier-1280.jpg");
    expect(emailImageSrc({ ...hero, fallback: hero.fallback!.slice(0, 3) }, 536)).toBe(
      "/media/2026/12/barrier-960.jpg",
    );
    // no variants in a format every email client shows (seeded images): the original, as before
    expect(emailImageSrc({ ...hero, fallback: undefined }, 536)).toBe("/media/2026/12/barrier.jpg");
  });

  it("is what the edition email shows for its lead story", () => {
    const lead = {
      article: {
        headline: "Lead",
        kicker: "",
        section: { name: "UK" },
        url: "/uk/lead",
        hero,
      } as unknown as ArticleSummary,
      line: "",
    };
    const { html } = editionEmail(edition({ lead }), site);
    expect(html).toContain('src="https://news.example/media/2026/12/barrier-1280.jpg"');
    expect(html).not.toContain("barrier.jpg");
  });
});
