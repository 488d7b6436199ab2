import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { importTarget } from "../../test/support/site-import.js";
import { twoTone } from "../media/media-test-files.js";
import { readGhostExport } from "./ghost/ghost-export.js";
import type { SiteExport } from "./site-model.js";
import { importSite } from "./site-import.js";
import { readWordpressExport } from "./wordpress/wxr-export.js";

// `--fetch-media`: the pictures of an export fetched from the old site, played by a local server
// (allowed by its address, 127.0.0.1, as an operator would allow a host inside the network). Each
// address is fetched once, on a run again not at all; a 404, a host that never answers, a file
// that is no picture and a refused address each fail alone, named, and the post is imported.

const NOW = new Date("2026-07-01T10:00:00Z");
const requests = new Map<string, number>();
const pictures = new Map<string, Buffer>();
const server = http.createServer((req, res) => {
  const url = req.url ?? "";
  requests.set(url, (requests.get(url) ?? 0) + 1);
  const picture = pictures.get(url);
  if (picture) return res.writeHead(200, { "content-type": "image/png" }).end(picture);
  if (url === "/pics/moved.png") return res.writeHead(302, { location: "/pics/c.png" }).end();
  if (url === "/pics/hangs.jpg") return; // never answers
  if (url === "/pics/text.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end("not a picture");
  res.writeHead(404).end();
});
let base = "";
const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "fetch-media-"));

beforeAll(async () => {
  pictures.set("/pics/a.png", await twoTone(120, 80).png().toBuffer());
  pictures.set("/pics/b.png", await twoTone(90, 60, "#10d010").png().toBuffer());
  pictures.set("/pics/c.png", await twoTone(60, 60, "#101010").png().toBuffer());
  pictures.set("/content/images/2024/05/own.png", await twoTone(80, 80, "#d0d010").png().toBuffer());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(emptyDir, { recursive: true, force: true });
});

const ghost = () => {
  const post = (id: string, html: string, feature?: string) => ({
    id,
    title: `Post ${id}`,
    slug: `post-${id}`,
    html,
    status: "published",
    published_at: "2024-05-01T08:00:00.000Z",
    ...(feature ? { feature_image: feature, feature_image_alt: `Feature of ${id}` } : {}),
  });
  const posts = [
    post(
      "g1",
      `<p>One.</p><img src="${base}/pics/b.png"><img src="/content/images/2024/05/own.png">`,
      `${base}/pics/a.png`,
    ),
    post("g2", `<p>Two.</p><img src="${base}/pics/a.png"><img src="${base}/pics/moved.png">`),
    post("g3", `<p>Three.</p><img src="${base}/pics/missing.jpg"><img src="${base}/pics/hangs.jpg">`),
    post("g4", `<p>Four.</p><img src="${base}/pics/text.jpg">`, `${base.replace("127.0.0.1", "localhost")}/pics/a.png`),
  ];
  const site = readGhostExport({ db: [{ data: { posts, users: [], tags: [] } }] }, "http://localhost:3000");
  return site as SiteExport;
};

const wordpress = () =>
  readWordpressExport(
    `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Old</title><link>${base}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${base}</wp:base_site_url>
<item><title>Urn</title><wp:post_id>7</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>${base}/pics/c.png</wp:attachment_url></item>
<item><title>With a picture</title><wp:post_id>8</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<wp:post_name>with-a-picture</wp:post_name><wp:post_date_gmt>2024-05-01 08:00:00</wp:post_date_gmt>
<content:encoded><![CDATA[<p>Text.</p><img src="${base}/pics/b.png" alt="B">]]></content:encoded>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta></item>
</channel></rss>`,
    "http://localhost:3000",
  ) as SiteExport;

describeEachDatabase("importing with --fetch-media", (get) => {
  const { options } = importTarget(get, NOW, emptyDir);
  const fetching = () => ({
    ...options(),
    mediaDir: undefined,
    fetchMedia: { allowedHosts: new Set(["127.0.0.1"]), baseUrl: base, timeoutMs: 500 },
  });

  it("fetches each picture once, stores it through the pipeline, and names each failure", async () => {
    const db = get().handle.db;
    requests.clear();
    const summary = await importSite(db, ghost(), fetching());
    expect(summary).toMatchObject({ posts: 4, alreadyPresent: 0 });
    expect(summary.images).toEqual({ stored: 4, reused: 0, failed: 4 });
    expect(Object.fromEntries(summary.skipped.map((s) => [s.item, s.reason]))).toEqual({
      [`image ${base}/pics/missing.jpg`]: "answered 404",
      [`image ${base}/pics/hangs.jpg`]: "no answer within 500 ms",
      [`image ${base}/pics/text.jpg`]: expect.stringMatching(/^The file is not a .* image/),
      [`image ${base.replace("127.0.0.1", "localhost")}/pics/a.png`]: expect.stringMatching(
        /^localhost resolves to .*, a private address: allow its host in WIRE_ALLOWED_HOSTS$/,
      ),
    });
    // a.png is the feature of one post and in the body of another: one request.
    expect(requests.get("/pics/a.png")).toBe(1);
    expect(requests.get("/pics/b.png")).toBe(1);
    expect(requests.get("/pics/c.png")).toBe(1);
    expect(requests.get("/content/images/2024/05/own.png")).toBe(1);

    const rows = await db
      .selectFrom("articles")
      .select(["slug", "hero_media_id", "body"])
      .where("slug", "in", ["post-g1", "post-g2", "post-g4"])
      .orderBy("slug")
      .execute();
    const [g1, g2, g4] = rows;
    expect(g1!.hero_media_id).not.toBeNull();
    expect(g4!.hero_media_id).toBeNull();
    const imagesIn = (body: string) => (body.match(/"type":"image"/g) ?? []).length;
    expect(imagesIn(g1!.body)).toBe(2);
    expect(imagesIn(g2!.body)).toBe(2);
    const media = await db.selectFrom("media").select(["alt", "original_filename"]).execute();
    expect(media.map((m) => m.original_filename).sort()).toEqual(["a.png", "b.png", "moved.png", "own.png"]);
    expect(media.find((m) => m.original_filename === "a.png")!.alt).toBe("Feature of g1");
  });

  it("fetches nothing on a run again", async () => {
    const db = get().handle.db;
    requests.clear();
    const summary = await importSite(db, ghost(), fetching());
    expect(summary).toMatchObject({ posts: 0, alreadyPresent: 4 });
    expect(summary.images).toEqual({ stored: 0, reused: 0, failed: 0 });
    expect([...requests.keys()]).toEqual([]);
  });

  it("fetches a WordPress post's featured attachment and its inline pictures", async () => {
    const db = get().handle.db;
    requests.clear();
    const summary = await importSite(db, wordpress(), fetching());
    expect(summary).toMatchObject({ posts: 1, skipped: [] });
    // The same bytes as the Ghost import's: fetched (a new source) but stored once.
    expect(summary.images).toEqual({ stored: 0, reused: 2, failed: 0 });
    expect(requests.get("/pics/c.png")).toBe(1);
    const post = await db
      .selectFrom("articles")
      .select("hero_media_id")
      .where("slug", "=", "with-a-picture")
      .executeTakeFirstOrThrow();
    expect(post.hero_media_id).not.toBeNull();
  });
});
