import { describe, expect, it } from "vitest";
import { blockingIssues, describeIssues, jsonLdOf, validateJsonLd } from "../../test/support/structured-data.js";

// The structured-data check used by the page tests must be able to fail: these feed it objects
// with known faults and expect each fault to be named.

const goodArticle = {
  "@context": "https://schema.org",
  "@type": "NewsArticle",
  headline: "Night buses return to the river crossings",
  description: "Six routes restored after a two-year gap.",
  image: ["https://example.com/media/hero.jpg"],
  datePublished: "2026-07-01T09:00:00+01:00",
  dateModified: "2026-07-01T10:00:00+01:00",
  author: [{ "@type": "Person", name: "Ada Okafor", url: "https://example.com/authors/ada-okafor" }],
  publisher: {
    "@type": "NewsMediaOrganization",
    name: "London Daily",
    logo: { "@type": "ImageObject", url: "https://example.com/assets/logo-512.png" },
  },
  mainEntityOfPage: { "@type": "WebPage", "@id": "https://example.com/uk/night-buses-return" },
  articleSection: "UK",
  inLanguage: "en-GB",
};

const goodVideo = {
  "@context": "https://schema.org",
  "@type": "VideoObject",
  name: "The bridge in ten seconds",
  description: "A bridge, briefly.",
  thumbnailUrl: ["https://example.com/media/poster.jpg"],
  uploadDate: "2026-06-30T04:00:00Z",
  duration: "PT10S",
  contentUrl: "https://example.com/media/video.mp4",
};

const fields = async (objects: object[]) =>
  blockingIssues(await validateJsonLd(objects)).flatMap((i) => i.fieldNames ?? [i.issueMessage]);

describe("structured-data validation", () => {
  it("passes a complete NewsArticle and VideoObject", async () => {
    const issues = await validateJsonLd([goodArticle, goodVideo]);
    expect(blockingIssues(issues), describeIssues(issues)).toEqual([]);
  });

  it("fails a NewsArticle that breaks Google's article guidelines", async () => {
    const broken = {
      ...goodArticle,
      headline: "A".repeat(111),
      image: ["/media/hero.jpg"],
      datePublished: "2026-07-01T09:00:00",
      dateModified: undefined,
      author: [{ "@type": "Person", url: "/authors/ada-okafor" }],
      publisher: { "@type": "NewsMediaOrganization", name: "London Daily" },
    };
    expect(await fields([broken])).toEqual(
      expect.arrayContaining([
        "headline",
        "image",
        "datePublished",
        "dateModified",
        "author.name",
        "author.url",
        "publisher.logo",
        "name", // the validator's own Person rule
      ]),
    );
    const bare = { "@context": "https://schema.org", "@type": "NewsArticle", headline: "Hello" };
    expect(await fields([bare])).toEqual(expect.arrayContaining(["image", "author", "publisher"]));
  });

  it("fails unknown schema.org types and properties", async () => {
    const issues = blockingIssues(
      await validateJsonLd([
        { ...goodArticle, inLanguag: "en-GB", mainEntityOfPage: { "@type": "WebPag", "@id": "https://example.com/" } },
      ]),
    );
    expect(describeIssues(issues)).toContain('Property "inLanguag" for type "NewsArticle" is not supported');
    expect(describeIssues(issues)).toContain('Type "WebPag" is not a valid schema.org type');
  });

  it("fails a VideoObject without the fields Google requires", async () => {
    expect(await fields([{ "@context": "https://schema.org", "@type": "VideoObject", name: "A video" }])).toEqual(
      expect.arrayContaining(["thumbnailUrl", "uploadDate", "description", "duration"]),
    );
  });

  it("reads the JSON-LD scripts of a page", () => {
    const html = `<head><script type="application/ld+json">{"@type":"WebSite","name":"a\\u003c/b"}</script></head>`;
    expect(jsonLdOf(html)).toEqual([{ "@type": "WebSite", name: "a</b" }]);
  });
});
