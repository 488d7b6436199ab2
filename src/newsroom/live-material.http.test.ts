import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildArticle, buildImage, buildSection, buildVideo } from "../../test/support/factories.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";

// Contributors change only their own material that is not on the site yet: an image or a video
// they uploaded and nothing published shows. Whatever readers see is changed by those who publish.

const NOW = new Date("2026-07-01T10:00:00Z");
const VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello.\n";

describeEachDatabase("live material", (get) => {
  let app: FastifyInstance;
  let db: Db;
  let contributor: SignedIn;
  let writer: SignedIn;
  let sectionId = 0;

  const call = (who: SignedIn, method: "PATCH" | "POST" | "DELETE", url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/newsroom${url}`, payload: payload as object, headers: who.headers });
  const captions = (who: SignedIn, videoId: number) =>
    app.inject({
      method: "POST",
      url: `/api/newsroom/videos/${videoId}/captions?lang=fr&label=Fran%C3%A7ais`,
      headers: { ...who.headers, "content-type": "text/vtt" },
      payload: VTT,
    });

  async function video(owner: SignedIn | null, published: boolean) {
    const row = await buildVideo(db, { title: "Before" });
    await db
      .updateTable("videos")
      .set({ uploaded_by: owner?.user.id ?? null, published: published ? 1 : 0 })
      .where("id", "=", row.id)
      .execute();
    return row.id;
  }
  async function image(owner: SignedIn | null) {
    const row = await buildImage(db, { alt: "Before" });
    await db
      .updateTable("media")
      .set({ uploaded_by: owner?.user.id ?? null })
      .where("id", "=", row.id)
      .execute();
    return row.id;
  }
  const story = (status: "draft" | "published", fields: { heroMediaId?: number; videoId?: number; body?: object }) =>
    buildArticle(db, { sectionId, publishedAt: NOW, status, ...fields });

  beforeAll(async () => {
    db = get().handle.db;
    sectionId = (await buildSection(db, { slug: "uk", name: "UK" })).id;
    contributor = await signedIn(db, "contributor", NOW);
    writer = await signedIn(db, "writer", NOW);
    app = await buildApp({ config: get().config, db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  it("refuses a contributor's changes to a published video: title, description, captions", async () => {
    const id = await video(contributor, true);
    const patch = await call(contributor, "PATCH", `/videos/${id}`, { title: "Retitled", description: "New words" });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe("FORBIDDEN");
    expect((await captions(contributor, id)).statusCode).toBe(403);
    expect((await call(contributor, "DELETE", `/videos/${id}/captions/en`)).statusCode).toBe(403);
    const row = await db
      .selectFrom("videos")
      .select(["title", "captions"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe("Before");
    expect(JSON.parse(row.captions)).toHaveLength(1);

    // Those who publish may.
    expect((await call(writer, "PATCH", `/videos/${id}`, { title: "Retitled" })).statusCode).toBe(200);
  });

  it("refuses a contributor's changes to a video shown by a published story, or uploaded by someone else", async () => {
    const shown = await video(contributor, false);
    await story("published", { videoId: shown });
    expect((await call(contributor, "PATCH", `/videos/${shown}`, { title: "Retitled" })).statusCode).toBe(403);
    const embedded = await video(contributor, false);
    await story("published", {
      body: { type: "doc", content: [{ type: "video", attrs: { videoId: embedded } }] },
    });
    expect((await call(contributor, "PATCH", `/videos/${embedded}`, { title: "Retitled" })).statusCode).toBe(403);
    const theirs = await video(writer, false);
    expect((await call(contributor, "PATCH", `/videos/${theirs}`, { title: "Retitled" })).statusCode).toBe(403);
  });

  it("lets a contributor change their own video before it is on the site", async () => {
    const id = await video(contributor, false);
    await story("draft", { videoId: id });
    const patch = await call(contributor, "PATCH", `/videos/${id}`, { title: "Retitled", description: "New words" });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ title: "Retitled", description: "New words" });
    expect((await captions(contributor, id)).statusCode).toBe(201);
    expect((await call(contributor, "DELETE", `/videos/${id}/captions/fr`)).statusCode).toBe(204);
  });

  it("lets a contributor describe only their own images that no published story shows", async () => {
    const theirs = await image(writer);
    const library = await image(null);
    for (const id of [theirs, library]) {
      const res = await call(contributor, "PATCH", `/media/${id}`, { alt: "Changed" });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("FORBIDDEN");
    }
    const hero = await image(contributor);
    await story("published", { heroMediaId: hero });
    const inBody = await image(contributor);
    await story("published", {
      body: { type: "doc", content: [{ type: "image", attrs: { mediaId: inBody, alt: "x", caption: "" } }] },
    });
    for (const id of [hero, inBody]) {
      expect((await call(contributor, "PATCH", `/media/${id}`, { alt: "Changed" })).statusCode).toBe(403);
    }
    const alts = await db
      .selectFrom("media")
      .select("alt")
      .where("id", "in", [theirs, library, hero, inBody])
      .execute();
    expect(alts.map((r) => r.alt)).toEqual(["Before", "Before", "Before", "Before"]);

    const mine = await image(contributor);
    await story("draft", { heroMediaId: mine });
    const ok = await call(contributor, "PATCH", `/media/${mine}`, { alt: "A heron on the towpath" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().alt).toBe("A heron on the towpath");
    expect((await call(writer, "PATCH", `/media/${hero}`, { alt: "Corrected" })).statusCode).toBe(200);
  });
});
