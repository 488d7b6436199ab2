import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentToPlainText } from "../../articles/document/plain-text.js";
import { validateDocument } from "../../articles/document/document.schema.js";
import { parseFeed } from "./index.js";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures", name));

describe("RSS 2.0", () => {
  it("takes each item with its guid, credit, byline and body, and refuses only the item without a headline", async () => {
    const { items, errors } = await parseFeed("rss", fixture("agency.rss.xml"));
    expect(items.map((i) => i.guid)).toEqual(["tpa-2026-0001", "https://wire.example/stories/ferry-timetable"]);
    expect(errors).toEqual([{ item: "tpa-2026-0003", message: "no headline" }]);
    const [route, ferry] = items;
    expect(route).toMatchObject({
      headline: "Council approves new riverside cycle route",
      byline: "Amira Holt",
      credit: "Thames Press Agency",
      standfirst: "Councillors voted 31 to 9 for a protected lane along the embankment.",
      versionAt: "2026-12-07T09:15:00.000Z",
      subjects: ["Transport"],
      images: [{ url: "https://wire.example/photos/embankment.jpg" }],
      pubStatus: "usable",
      urgency: null,
    });
    expect(validateDocument(route!.body).ok).toBe(true);
    const text = documentToPlainText(route!.body);
    expect(text).toContain("31 to 9");
    expect(text).not.toContain("alert");
    // The relative link is resolved against the item's page; the javascript: one loses its link.
    const links = JSON.stringify(route!.body.content).match(/"href":"[^"]+"/g);
    expect(links).toEqual(['"href":"https://wire.example/docs/plan.pdf"']);
    expect(route!.body.content.some((b) => b.type === "bulletList")).toBe(true);
    expect(documentToPlainText(ferry!.body)).toContain("07:10 instead of 07:00 & run every 20 minutes");
  });
});

describe("Atom", () => {
  it("reads xhtml content, html titles and the alternate link", async () => {
    const { items, errors } = await parseFeed("atom", fixture("partner.atom.xml"));
    expect(errors).toEqual([]);
    expect(items[0]).toMatchObject({
      guid: "urn:gazette:library-late",
      headline: "Library opens late on Thursdays",
      byline: "Tom Okafor",
      credit: "Riverside Gazette",
      url: "https://gazette.example/news/library-late",
      subjects: ["Community"],
    });
    expect(items[0]!.body.content.map((b) => b.type)).toEqual(["paragraph", "heading", "paragraph"]);
  });
});

describe("ninjs", () => {
  it("reads 1.x: version, urgency, embargo, subjects and the largest picture rendition", async () => {
    const { items } = await parseFeed("ninjs", fixture("item-v1.ninjs.json"));
    expect(items[0]).toMatchObject({
      guid: "urn:thames-press:2026:budget-vote",
      version: 1,
      urgency: 3,
      embargoAt: "2030-01-01T00:00:00.000Z",
      credit: "Thames Press Agency",
      byline: "Priya Natarajan",
      subjects: ["Politics"],
      images: [
        {
          url: "https://wire.example/photos/town-hall.jpg",
          caption: "The town hall, where the committee meets.",
          credit: "Jon Bell",
          alt: "The town hall at dusk",
        },
      ],
    });
  });

  it("reads 2.x lists with roles, and a canceled item as a kill", async () => {
    const { items, errors } = await parseFeed("ninjs", fixture("items-v2.ninjs.json"));
    expect(errors).toEqual([]);
    expect(items.map((i) => [i.guid, i.version, i.pubStatus])).toEqual([
      ["urn:thames-press:2026:budget-vote", 2, "usable"],
      ["urn:thames-press:2026:bridge-closure", 3, "canceled"],
    ]);
    expect(items[0]!.headline).toBe("Borough budget vote delayed by a week after amendment");
    expect(documentToPlainText(items[1]!.body)).toContain("withdrawn");
  });

  it("says what is wrong with JSON that is not JSON", async () => {
    await expect(parseFeed("ninjs", Buffer.from('{"uri": '))).rejects.toThrow(/not valid JSON/);
  });
});

describe("NewsML-G2", () => {
  it("reads guid and version, urgency, embargo, inline XHTML without handlers or frames, and pictures", async () => {
    const { items, errors } = await parseFeed("newsml-g2", fixture("message.newsml.xml"));
    expect(errors).toEqual([]);
    const [fire, zoo] = items;
    expect(fire).toMatchObject({
      guid: "urn:newsml:thames-press:20261207:market-fire",
      version: 2,
      urgency: 1,
      headline: "Fire closes covered market",
      byline: "Sam Reyes",
      credit: "Thames Press Agency",
      embargoAt: "2030-06-01T06:00:00.000Z",
      url: "https://wire.example/stories/market-fire",
      subjects: ["Disaster and accident"],
      images: [{ url: "https://wire.example/photos/market.jpg" }],
    });
    const json = JSON.stringify(fire!.body);
    expect(json).not.toMatch(/steal|evil|onclick|iframe/);
    expect(json).toContain("https://wire.example/stories/stories/market-history");
    expect(documentToPlainText(fire!.body)).not.toContain("x\n");
    expect(zoo).toMatchObject({ version: 4, pubStatus: "canceled" });
  });
});

describe("pictures", () => {
  it("keeps a ninjs 2.x item's pictures: the largest rendition of a type we read, caption, credit and size", async () => {
    const { items, errors } = await parseFeed("ninjs", fixture("pictures.ninjs.json"));
    expect(errors).toEqual([]);
    expect(items[0]!.images).toEqual([
      {
        url: "https://wire.example/photos/regatta-1200.jpg",
        caption: "Crews race past Putney Bridge at the start.",
        credit: "Jon Bell",
        alt: "Crews on the river at Putney",
        width: 1200,
        height: 800,
        bytes: 48213,
      },
      {
        url: "https://wire.example/photos/crowd.png",
        caption: "Spectators line the towpath.",
        credit: "Thames Press Agency",
        width: 640,
        height: 480,
      },
      { url: "https://wire.example/photos/gone.jpg" },
      { url: "https://wire.example/photos/page.jpg" },
      { url: "https://intranet.wire.example/photos/inside.jpg" },
    ]);
  });

  it("takes a NewsML-G2 picture item the text links to, with its caption and credit, and not as copy", async () => {
    const { items, errors } = await parseFeed("newsml-g2", fixture("pictures.newsml.xml"));
    expect(errors).toEqual([]);
    expect(items.map((i) => i.headline)).toEqual(["Lido reopens after a year of repairs"]);
    expect(items[0]!.images).toEqual([
      {
        url: "https://wire.example/photos/lido-1600.jpg",
        caption: "The first swimmers at the reopened lido.",
        credit: "Jon Bell/Thames Press Agency",
        alt: "Swimmers at the lido",
        width: 1600,
        height: 1200,
        bytes: 91022,
      },
      { url: "https://wire.example/photos/lido-map.png", width: 800, height: 600 },
    ]);
  });

  it("drops a bad picture address and pictures past the twentieth, and keeps the item", async () => {
    const associations = Array.from({ length: 25 }, (_, i) => ({
      type: "picture",
      href: i === 0 ? "javascript:alert(1)" : `https://wire.example/p/${i}.jpg`,
      renditions: i === 0 ? [] : [null, "x", { href: `https://wire.example/p/${i}.jpg`, width: "wide" }],
    }));
    const item = { uri: "urn:x:1", headline: "Many pictures", body_text: "Words.", associations };
    const { items, errors } = await parseFeed("ninjs", Buffer.from(JSON.stringify(item)));
    expect(errors).toEqual([]);
    expect(items[0]!.images).toHaveLength(20);
    expect(items[0]!.images[0]).toEqual({ url: "https://wire.example/p/1.jpg" });
  });
});

describe("email", () => {
  it("takes the subject as headline, the text as body and the sender as credit", async () => {
    const { items } = await parseFeed("email", fixture("press-release.eml"));
    expect(items[0]).toMatchObject({
      guid: "<spring-season-2026@theatre.example>",
      headline: "Riverside Theatre announces spring season",
      credit: "Riverside Theatre Press Office",
    });
    expect(items[0]!.body.content).toHaveLength(2);
  });
});

describe("hostile XML", () => {
  it("refuses a billion-laughs bomb and an external entity without expanding anything", async () => {
    for (const name of ["billion-laughs.xml", "external-entity.xml"]) {
      const started = Date.now();
      await expect(parseFeed("rss", fixture(name))).rejects.toThrow(/document type/);
      expect(Date.now() - started).toBeLessThan(500);
    }
  });

  it("says when a document is not XML, not a feed, or too large", async () => {
    await expect(parseFeed("rss", Buffer.from("hello"))).rejects.toThrow(/not well-formed XML/);
    await expect(parseFeed("rss", Buffer.from("<html><body/></html>"))).rejects.toThrow(/Neither an RSS/);
    await expect(parseFeed("newsml-g2", Buffer.from("<rss/>"))).rejects.toThrow(/Neither a NewsML-G2/);
    const huge = Buffer.from(`<rss><channel>${"<item><title>x</title></item>".repeat(800_000)}</channel></rss>`);
    await expect(parseFeed("rss", huge)).rejects.toThrow(/larger than 20 MB/);
  });

  it("reads a feed in a declared legacy encoding", async () => {
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>x</title><item><title>Caf\u00e9 reopens</title><guid>c1</guid></item></channel></rss>',
      "latin1",
    );
    const { items } = await parseFeed("rss", latin1);
    expect(items[0]!.headline).toBe("Café reopens");
  });
});
