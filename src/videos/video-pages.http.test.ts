import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import vnu from "vnu-jar";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildImage, buildSection, buildTag, buildVideo } from "../../test/support/factories.js";
import { blockingIssues, describeIssues, jsonLdOf, validateJsonLd } from "../../test/support/structured-data.js";
import { buildApp } from "../app.js";
import { articlePath } from "../articles/article.js";

const NOW = new Date("2026-07-01T10:00:00Z");
const VTT = [
  "WEBVTT",
  "",
  "00:00.000 --> 00:02.000",
  "The bascules of <i>Tower Bridge</i> rise.",
  "",
  "00:02.000 --> 00:04.000",
  "A tall ship &amp; two tugs pass.",
  "",
  "00:09.000 --> 00:10.000",
  "Traffic moves again.",
  "",
].join("\n");

describeEachDatabase("video pages", (get) => {
  let app: FastifyInstance;
  let dataDir: string;
  let articleUrl: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-video-pages-"));
    const db = get().handle.db;
    const section = await buildSection(db, { slug: "london", name: "London" });
    const bridges = await buildTag(db, { slug: "bridges", name: "Bridges" });
    const poster = await buildImage(db, { key: "videos/1/poster-500.jpg", widths: [] });
    const hour = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();
    const main = await buildVideo(db, { title: "Tower Bridge lifts for a tall ship", publishedAt: new Date(hour(2)) });
    const near = await buildVideo(db, { title: "Another bridge lift", publishedAt: new Date(hour(5)) });
    const far = await buildVideo(db, { title: "Market opening", publishedAt: new Date(hour(1)) });
    const draft = await buildVideo(db, { title: "Not yet published" });
    const broken = await buildVideo(db, { title: "A damaged upload" });
    await db
      .updateTable("videos")
      .set({
        description: "The bascules rise as a tall ship passes under.",
        section_id: section.id,
        poster_media_id: poster.id,
        duration_seconds: 125.4,
        captions: JSON.stringify([{ lang: "en", label: "English", storageKey: "videos/1/captions/en.vtt" }]),
      })
      .where("id", "=", main.id)
      .execute();
    await db
      .insertInto("video_captions")
      .values({
        video_id: main.id,
        lang: "en",
        label: "English",
        storage_key: "videos/1/captions/en.vtt",
        cue_count: 3,
        created_at: hour(2),
      })
      .execute();
    fs.mkdirSync(path.join(dataDir, "media/videos/1/captions"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "media/videos/1/captions/en.vtt"), VTT);
    await db
      .insertInto("video_tags")
      .values([
        { video_id: main.id, tag_id: bridges.id },
        { video_id: near.id, tag_id: bridges.id },
      ])
      .execute();
    await db.updateTable("videos").set({ published: 0 }).where("id", "=", draft.id).execute();
    await db
      .updateTable("videos")
      .set({ status: "failed", processing_error: "damaged", published: 1 })
      .where("id", "=", broken.id)
      .execute();
    void far;
    const article = await buildArticle(db, {
      sectionId: section.id,
      slug: "bridge-story",
      headline: "The bridge that lifts",
      publishedAt: new Date(hour(1)),
      videoId: broken.id,
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "The bridge lifted twice today." }] },
          { type: "video", attrs: { videoId: broken.id } },
        ],
      },
    });
    articleUrl = articlePath("london", article.slug);
    app = await buildApp({ config: { ...get().config, dataDir }, db, logger: false, now: () => NOW });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists published, ready videos on /video, newest first", async () => {
    const res = await app.inject("/video");
    expect(res.statusCode).toBe(200);
    const titles = [...res.body.matchAll(/<h2 class="video-card-title"><a href="[^"]+">([^<]+)<\/a>/g)].map(
      (m) => m[1],
    );
    expect(titles).toEqual(["Market opening", "Tower Bridge lifts for a tall ship", "Another bridge lift"]);
    expect(res.body).toContain("<h1>Video</h1>");
    expect((await app.inject("/video?page=9")).statusCode).toBe(404);
  });

  it("shows a video's page with its section, tags, transcript and related videos", async () => {
    const res = await app.inject("/video/video-" + (await slugOf("Tower Bridge lifts for a tall ship")));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1>Tower Bridge lifts for a tall ship</h1>");
    expect(res.body).toContain('<a href="/london">London</a>');
    expect(res.body).toContain('<a href="/tags/bridges">Bridges</a>');
    expect(res.body).toContain('<h2 id="transcript-heading">Transcript</h2>');
    // Cues close together join into one paragraph; a pause starts another. Markup becomes text.
    expect(res.body).toContain(
      '<span class="transcript-time">0:00</span> The bascules of Tower Bridge rise. A tall ship &amp; two tugs pass.',
    );
    expect(res.body).toContain('<span class="transcript-time">0:09</span> Traffic moves again.');
    const related = res.body.slice(res.body.indexOf("related-videos-heading"));
    expect(related.indexOf("Another bridge lift")).toBeLessThan(related.indexOf("Market opening"));
    expect(res.body).toContain('kind="captions"');
  });

  it("describes the video in VideoObject JSON-LD that passes the structured-data validator", async () => {
    const url = "/video/video-" + (await slugOf("Tower Bridge lifts for a tall ship"));
    const res = await app.inject(url);
    const objects = jsonLdOf(res.body);
    const video = objects.find((o) => o["@type"] === "VideoObject");
    expect(video).toMatchObject({
      name: "Tower Bridge lifts for a tall ship",
      description: "The bascules rise as a tall ship passes under.",
      thumbnailUrl: ["http://localhost:3000/media/videos/1/poster-500.jpg"],
      duration: "PT2M5S",
      contentUrl: expect.stringMatching(/^http:\/\/localhost:3000\/media\/video\/test\/\d+\.mp4$/),
      embedUrl: `http://localhost:3000${url}`,
      uploadDate: expect.stringMatching(/^2026-07-01T08:00:00\.000Z$/),
    });
    const issues = blockingIssues(await validateJsonLd(objects));
    expect(describeIssues(issues)).toBe("");
  });

  it("answers 404 for unpublished and failed videos, and embeds a failed one as unavailable", async () => {
    expect((await app.inject("/video/video-" + (await slugOf("Not yet published")))).statusCode).toBe(404);
    expect((await app.inject("/video/video-" + (await slugOf("A damaged upload")))).statusCode).toBe(404);
    expect((await app.inject("/video/no-such-video")).statusCode).toBe(404);
    const article = await app.inject(articleUrl);
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain("Video unavailable");
    expect(article.body).toContain("The bridge lifted twice today.");
    expect(article.body).not.toContain("A damaged upload</p>");
  });

  it("writes valid HTML (Nu Html Checker) on the listing, a video page and an article with an unavailable video", async () => {
    if (get().dialect !== "sqlite") return; // the markup does not depend on the engine
    const files: string[] = [];
    for (const url of ["/video", "/video/video-" + (await slugOf("Tower Bridge lifts for a tall ship")), articleUrl]) {
      const file = path.join(dataDir, `page-${files.length}.html`);
      fs.writeFileSync(file, (await app.inject(url)).body);
      files.push(file);
    }
    let output: string;
    try {
      output = (await promisify(execFile)("java", ["-jar", vnu, "--format", "json", "--errors-only", ...files])).stderr;
    } catch (error) {
      output = (error as { stderr: string }).stderr;
    }
    const messages = (JSON.parse(output) as { messages: { type: string; url: string; message: string }[] }).messages
      .filter((m) => m.type === "error")
      .map((m) => `${path.basename(m.url)}: ${m.message}`);
    expect(messages).toEqual([]);
  }, 120_000);

  async function slugOf(title: string): Promise<string> {
    const row = await get()
      .handle.db.selectFrom("videos")
      .select("slug")
      .where("title", "=", title)
      .executeTakeFirstOrThrow();
    return row.slug.replace(/^video-/, "");
  }
});
