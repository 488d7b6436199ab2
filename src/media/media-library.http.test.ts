import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import type { Db } from "../database.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import type { MediaItem } from "./media-item.js";
import { searchTextOf } from "./media.queries.js";
import { multipartBody, twoTone } from "./media-test-files.js";

interface Page {
  items: MediaItem[];
  next: string | null;
}

async function libraryRow(
  db: Db,
  input: { alt?: string; caption?: string; credit?: string; filename?: string; mime?: string; at: string },
) {
  const { alt = "", caption = "", credit = "", filename = "", mime = "image/jpeg" } = input;
  const ext = mime.split("/")[1];
  return db
    .insertInto("media")
    .values({
      kind: "image",
      storage_key: `images/library/${Math.random().toString(36).slice(2)}.${ext}`,
      mime,
      width: 1200,
      height: 800,
      variant_widths: "[320,640]",
      formats: '["avif","webp"]',
      alt,
      caption,
      credit,
      original_filename: filename,
      search_text: searchTextOf({ alt, caption, credit, filename }),
      created_at: input.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

describeEachDatabase("newsroom media library", (get) => {
  let app: FastifyInstance;
  let dataDir: string;
  let editor: SignedIn;
  const ids: Record<string, number> = {};

  const list = async (query: string) => {
    const res = await app.inject({ url: `/api/newsroom/media?${query}`, headers: { cookie: editor.cookie } });
    expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
    return res.json<Page>();
  };
  const names = (page: Page) => page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.id);
  const patch = (id: number, payload: unknown, who: SignedIn = editor) =>
    app.inject({ method: "PATCH", url: `/api/newsroom/media/${id}`, headers: who.headers, payload: payload as object });
  const error = (res: LightMyRequestResponse) => res.json<{ error: { code: string } }>().error;
  const mediaFile = (url: string) => path.join(dataDir, "media", url.replace(/^\/media\//, ""));

  beforeAll(async () => {
    const { handle, config } = get();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-library-"));
    app = await buildApp({ config: { ...config, dataDir }, db: handle.db, logger: false });
    editor = await signedIn(handle.db, "editor");
    const db = handle.db;
    ids.bridge = (
      await libraryRow(db, { alt: "Tower Bridge at dusk", credit: "Ada Okafor", at: "2026-11-01T09:00:00.000Z" })
    ).id;
    ids.market = (await libraryRow(db, { caption: "Borough Market, 100% open", at: "2026-11-10T12:00:00.000Z" })).id;
    ids.logo = (
      await libraryRow(db, { filename: "party_logo.png", mime: "image/png", at: "2026-11-20T08:00:00.000Z" })
    ).id;
    ids.river = (await libraryRow(db, { alt: "The river by the bridge", at: "2026-11-20T08:00:00.000Z" })).id;
    ids.cat = (await libraryRow(db, { alt: "A cat", mime: "image/gif", at: "2026-11-28T23:59:59.000Z" })).id;
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists newest first, same instant by id, in pages joined by a cursor", async () => {
    expect(names(await list("limit=100"))).toEqual(["cat", "river", "logo", "market", "bridge"]);
    const first = await list("limit=2");
    expect(names(first)).toEqual(["cat", "river"]);
    const second = await list(`limit=2&cursor=${first.next}`);
    expect(names(second)).toEqual(["logo", "market"]);
    const third = await list(`limit=2&cursor=${second.next}`);
    expect(names(third)).toEqual(["bridge"]);
    expect(third.next).toBeNull();
    const item = first.items[0]!;
    expect(item).toMatchObject({ kind: "image", mime: "image/gif", focalX: 0.5, focalY: 0.5, uploadedBy: null });
    expect(item.variants.map((v) => `${v.format}@${v.width}`)).toEqual([
      "avif@320",
      "webp@320",
      "avif@640",
      "webp@640",
    ]);
  });

  it("searches alt, caption, credit and file name, every word, case-insensitively, % and _ taken literally", async () => {
    expect(names(await list("q=bridge"))).toEqual(["river", "bridge"]);
    expect(names(await list("q=BRIDGE%20dusk"))).toEqual(["bridge"]);
    expect(names(await list("q=okafor"))).toEqual(["bridge"]);
    expect(names(await list("q=party_logo"))).toEqual(["logo"]);
    expect(names(await list("q=100%25"))).toEqual(["market"]);
    expect(names(await list("q=party%25"))).toEqual([]);
    expect(names(await list("q=part_"))).toEqual([]);
  });

  it("filters by type and by day or instant", async () => {
    expect(names(await list("kind=png"))).toEqual(["logo"]);
    expect(names(await list("kind=gif"))).toEqual(["cat"]);
    expect(names(await list("kind=image&limit=100"))).toHaveLength(5);
    expect(names(await list("from=2026-11-10&to=2026-11-20"))).toEqual(["river", "logo", "market"]);
    expect(names(await list("to=2026-11-28"))).toEqual(["cat", "river", "logo", "market", "bridge"]);
    expect(names(await list("from=2026-11-28T23:59:59Z"))).toEqual(["cat"]);
    expect(names(await list("from=2026-11-29T00:59:59%2B01:00"))).toEqual(["cat"]);
    expect(names(await list("to=2026-11-10T12:00:00.000Z"))).toEqual(["market", "bridge"]);
  });

  it("refuses bad queries with 400 VALIDATION_FAILED", async () => {
    for (const query of [
      "kind=video",
      "from=yesterday",
      "cursor=bm90LWEtY3Vyc29y",
      "limit=0",
      "limit=1000",
      "sort=oldest",
    ]) {
      const res = await app.inject({ url: `/api/newsroom/media?${query}`, headers: { cookie: editor.cookie } });
      expect(res.statusCode, query).toBe(400);
      expect(error(res).code, query).toBe("VALIDATION_FAILED");
    }
  });

  it("reads one image; 404 for an unknown one, 400 for a bad id", async () => {
    const res = await app.inject({ url: `/api/newsroom/media/${ids.market}`, headers: { cookie: editor.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json<MediaItem>().caption).toBe("Borough Market, 100% open");
    expect(
      (await app.inject({ url: "/api/newsroom/media/999999", headers: { cookie: editor.cookie } })).statusCode,
    ).toBe(404);
    expect((await app.inject({ url: "/api/newsroom/media/abc", headers: { cookie: editor.cookie } })).statusCode).toBe(
      400,
    );
  });

  it("edits the description, which the search then finds, and records it in the audit log", async () => {
    const res = await patch(ids.cat!, { alt: "  A tabby on a wall  ", credit: "Reader" });
    expect(res.statusCode).toBe(200);
    expect(res.json<MediaItem>()).toMatchObject({ alt: "A tabby on a wall", credit: "Reader", caption: "" });
    expect(names(await list("q=tabby"))).toEqual(["cat"]);
    expect(names(await list("q=cat"))).toEqual([]);
    const audit = await get()
      .handle.db.selectFrom("audit_log")
      .selectAll()
      .where("subject_type", "=", "media")
      .where("subject_id", "=", String(ids.cat))
      .execute();
    expect(audit.map((a) => [a.action, a.user_id, JSON.parse(a.detail)])).toEqual([
      ["media.edit", editor.user.id, { changed: ["alt", "credit"] }],
    ]);
  });

  it("refuses bad edits: focal point outside 0..1, unknown fields, wrong types, no CSRF token", async () => {
    for (const body of [{ focalX: 1.5 }, { focalY: -0.1 }, { title: "x" }, { alt: 3 }, { focalX: "0.5" }]) {
      const res = await patch(ids.market!, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(error(res).code).toBe("VALIDATION_FAILED");
    }
    const noCsrf = await app.inject({
      method: "PATCH",
      url: `/api/newsroom/media/${ids.market}`,
      headers: { cookie: editor.cookie },
      payload: { alt: "x" },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await patch(999999, { alt: "x" })).statusCode).toBe(404);
    // Moving the focal point needs the original to re-crop; this row's file was never stored.
    expect((await patch(ids.market!, { focalX: 0.2 })).statusCode).toBe(409);
  });

  it("re-crops around a moved focal point: new crop URLs, the old crops removed", async () => {
    // Left half red, right half blue, 1200 × 400: a square crop sees one colour at either end.
    const jpeg = await twoTone(1200, 400).jpeg().toBuffer();
    const { payload, contentType } = multipartBody([
      { name: "file", filename: "halves.jpg", type: "image/jpeg", data: jpeg },
    ]);
    const up = await app.inject({
      method: "POST",
      url: "/api/newsroom/media",
      headers: { ...editor.headers, "content-type": contentType },
      payload,
    });
    expect(up.statusCode).toBe(201);
    const uploaded = up.json<MediaItem>();
    const colour = async (url: string) => {
      const { channels } = await sharp(mediaFile(url)).stats();
      const [r, , b] = channels.map((c) => c.mean);
      return r! > b! + 60 ? "red" : b! > r! + 60 ? "blue" : "mixed";
    };
    expect(await colour(uploaded.thumbUrl)).toBe("mixed");

    const left = await patch(uploaded.id, { focalX: 0, focalY: 0.5 });
    expect(left.statusCode).toBe(200);
    const atLeft = left.json<MediaItem>();
    expect([atLeft.focalX, atLeft.focalY]).toEqual([0, 0.5]);
    expect(atLeft.thumbUrl).not.toBe(uploaded.thumbUrl);
    expect(await colour(atLeft.thumbUrl)).toBe("red");
    expect(fs.existsSync(mediaFile(uploaded.thumbUrl))).toBe(false);
    expect(fs.existsSync(mediaFile(uploaded.socialUrl))).toBe(false);

    const right = (await patch(uploaded.id, { focalX: 0.97 })).json<MediaItem>();
    expect(await colour(right.thumbUrl)).toBe("blue");
    const social = await sharp(mediaFile(right.socialUrl)).metadata();
    expect([social.width, social.height]).toEqual([762, 400]);
    expect(await colour(right.socialUrl)).not.toBe("red");

    // The same focal point again: nothing to re-crop, the URLs stay.
    const same = (await patch(uploaded.id, { focalX: 0.97, caption: "Halves" })).json<MediaItem>();
    expect(same.thumbUrl).toBe(right.thumbUrl);
    expect(same.caption).toBe("Halves");
  });
});
