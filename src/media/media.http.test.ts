import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { type TestS3, startS3 } from "../../test/support/s3-server.js";
import { STORAGE_KINDS, type TestStorage, testStorage } from "../../test/support/test-storage.js";
import type { MediaItem } from "./media-item.js";
import { type FormPart, hasGpsPointer, multipartBody, pixelBombPng, twoTone } from "./media-test-files.js";

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => s3?.close());

// Against the local disk and against a bucket on a real S3-protocol server (docs/adr/024).
describe.each(STORAGE_KINDS)("on %s storage", (kind) => {
  describeEachDatabase("newsroom media upload", (get) => {
    let app: FastifyInstance;
    let dataDir: string;
    let writer: SignedIn;
    let stored: TestStorage;

    const exists = async (url: string) => (await stored.storage.stat(url.replace(/^\/media\//, ""))) !== undefined;
    const filesUnder = (dir: string): string[] =>
      fs.existsSync(dir)
        ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
            .filter((d) => d.isFile())
            .map((d) => d.name)
        : [];
    const send = (who: SignedIn | undefined, parts: FormPart[], headers: Record<string, string> = {}) => {
      const { payload, contentType } = multipartBody(parts);
      return app.inject({
        method: "POST",
        url: "/api/newsroom/media",
        headers: { ...(who?.headers ?? {}), "content-type": contentType, ...headers },
        payload,
      });
    };
    const image = (data: Buffer, filename = "picture.jpg", type = "image/jpeg"): FormPart => ({
      name: "file",
      filename,
      type,
      data,
    });
    const item = (res: LightMyRequestResponse) => res.json<MediaItem>();
    const error = (res: LightMyRequestResponse) =>
      res.json<{ error: { code: string; message: string; details?: unknown } }>().error;
    const rowCount = async () =>
      Number(
        (
          await get()
            .handle.db.selectFrom("media")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      const { handle, config } = get();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-media-"));
      stored = await testStorage(kind, dataDir, s3, `media-${get().dialect}`);
      app = await buildApp({ config: { ...config, dataDir, storage: stored.settings }, db: handle.db, logger: false });
      writer = await signedIn(handle.db, "writer");
    });
    afterAll(async () => {
      await app?.close();
      stored?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("stores a JPEG with its description, AVIF/WebP/JPEG variants at each width, crops, and an audit entry", async () => {
      const jpeg = await twoTone(800, 600).jpeg().toBuffer();
      const res = await send(writer, [
        { name: "alt", value: "Two colours and a circle" },
        image(jpeg, "../../Holiday <photo>.JPG"),
        { name: "caption", value: "A test card" },
        { name: "credit", value: "Staff" },
      ]);
      expect(res.statusCode).toBe(201);
      const body = item(res);
      expect(res.headers.location).toBe(`/api/newsroom/media/${body.id}`);
      expect(body).toMatchObject({
        kind: "image",
        mime: "image/jpeg",
        width: 800,
        height: 600,
        alt: "Two colours and a circle",
        caption: "A test card",
        credit: "Staff",
        focalX: 0.5,
        focalY: 0.5,
        filename: "Holiday photo.JPG",
        uploadedBy: { id: writer.user.id, name: writer.user.name },
      });
      expect(body.bytes).toBe((await stored.bytes(body.url)).length);
      expect(body.url).toMatch(/^\/media\/images\/\d{4}\/\d{2}\/[0-9a-f]{16}\.jpg$/);
      expect(body.variants.map((v) => `${v.format}@${v.width}`).sort()).toEqual([
        "avif@320",
        "avif@640",
        "avif@800",
        "jpeg@320",
        "jpeg@640",
        "jpeg@800",
        "webp@320",
        "webp@640",
        "webp@800",
      ]);
      for (const v of body.variants) {
        const meta = await sharp(await stored.bytes(v.url)).metadata();
        expect(meta.width).toBe(v.width);
        expect(v.format === "avif" ? `${meta.format}/${meta.compression}` : meta.format).toBe(
          v.format === "avif" ? "heif/av1" : v.format,
        );
      }
      const thumb = await sharp(await stored.bytes(body.thumbUrl)).metadata();
      expect([thumb.format, thumb.width, thumb.height]).toEqual(["webp", 320, 320]);
      const social = await sharp(await stored.bytes(body.socialUrl)).metadata();
      // The original is 800 wide: the social card keeps the 1.91:1 shape without enlarging.
      expect([social.format, social.width, social.height]).toEqual(["jpeg", 800, 420]);
      const served = await app.inject(body.thumbUrl);
      expect(served.statusCode).toBe(200);
      expect(served.headers["content-type"]).toBe("image/webp");
      const audit = await get()
        .handle.db.selectFrom("audit_log")
        .selectAll()
        .where("subject_type", "=", "media")
        .where("subject_id", "=", String(body.id))
        .execute();
      expect(audit.map((a) => [a.action, a.user_id])).toEqual([["media.upload", writer.user.id]]);
      expect(filesUnder(path.join(dataDir, "tmp"))).toEqual([]);
    });

    it("accepts PNG, WebP, AVIF and GIF by their content, whatever their names say", async () => {
      const cases = [
        {
          data: await twoTone(640, 480).png().toBuffer(),
          mime: "image/png",
          formats: ["avif", "png", "webp"],
          name: "a.gif",
        },
        {
          data: await twoTone(500, 400).webp().toBuffer(),
          mime: "image/webp",
          formats: ["avif", "webp"],
          name: "b.png",
        },
        {
          data: await twoTone(400, 300).avif({ effort: 0 }).toBuffer(),
          mime: "image/avif",
          formats: ["avif", "webp"],
          name: "c",
        },
        { data: await twoTone(360, 240).gif().toBuffer(), mime: "image/gif", formats: ["webp"], name: "d.jpg" },
      ];
      for (const c of cases) {
        const res = await send(writer, [
          image(c.data, c.name, "application/octet-stream"),
          { name: "alt", value: c.mime },
        ]);
        expect(res.statusCode, c.mime).toBe(201);
        const body = item(res);
        expect(body.mime).toBe(c.mime);
        expect([...new Set(body.variants.map((v) => v.format))].sort()).toEqual(c.formats);
        expect(await exists(body.url)).toBe(true);
        for (const v of body.variants) expect(await exists(v.url), v.url).toBe(true);
      }
    });

    it("keeps an animated GIF animated, with animated WebP variants", async () => {
      const frames = await Promise.all(
        ["#f00", "#0f0", "#00f"].map((c) =>
          sharp({ create: { width: 400, height: 200, channels: 3, background: c } })
            .raw()
            .toBuffer(),
        ),
      );
      const input = await sharp(Buffer.concat(frames), {
        raw: { width: 400, height: 600, channels: 3, pageHeight: 200 },
      })
        .gif({ loop: 0 })
        .toBuffer();
      const res = await send(writer, [image(input, "spinner.gif", "image/gif")]);
      expect(res.statusCode).toBe(201);
      const body = item(res);
      expect([body.width, body.height]).toEqual([400, 200]);
      expect((await sharp(await stored.bytes(body.url), { animated: true }).metadata()).pages).toBe(3);
      const webp = body.variants.find((v) => v.format === "webp" && v.width === 320)!;
      expect((await sharp(await stored.bytes(webp.url), { animated: true }).metadata()).pages).toBe(3);
    });

    it("strips EXIF (GPS included) from the original and the variants, and applies the orientation", async () => {
      const jpeg = await twoTone(600, 400)
        .jpeg()
        .withMetadata({ orientation: 6 })
        .withExifMerge({
          IFD0: { Make: "TestCam" },
          IFD3: {
            GPSLatitudeRef: "N",
            GPSLatitude: "51/1 30/1 26/1",
            GPSLongitudeRef: "W",
            GPSLongitude: "0/1 7/1 39/1",
          },
        })
        .toBuffer();
      const before = await sharp(jpeg).metadata();
      expect(hasGpsPointer(before.exif)).toBe(true);
      expect(before.orientation).toBe(6);
      const res = await send(writer, [image(jpeg, "gps.jpg")]);
      expect(res.statusCode).toBe(201);
      const body = item(res);
      // Orientation 6 turns the 600 × 400 picture a quarter turn: it stands 400 × 600.
      expect([body.width, body.height]).toEqual([400, 600]);
      for (const url of [body.url, body.thumbUrl, body.socialUrl, ...body.variants.map((v) => v.url)]) {
        const file = await stored.bytes(url);
        const meta = await sharp(file).metadata();
        expect(meta.exif, url).toBeUndefined();
        expect(meta.orientation ?? 1, url).toBe(1);
        expect(file.includes("TestCam"), url).toBe(false);
      }
    });

    it("answers 200 with the stored image when the same bytes are uploaded again", async () => {
      const jpeg = await twoTone(420, 300, "#888", "#111").jpeg().toBuffer();
      const first = await send(writer, [image(jpeg, "one.jpg")]);
      expect(first.statusCode).toBe(201);
      const rows = await rowCount();
      const again = await send(writer, [image(jpeg, "two.jpg")]);
      expect(again.statusCode).toBe(200);
      expect(item(again).id).toBe(item(first).id);
      expect(await rowCount()).toBe(rows);
    });

    it("refuses what is not an image by its content: 415, nothing kept", async () => {
      const before = await rowCount();
      const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
      const res = await send(writer, [image(html, "photo.jpg", "image/jpeg")]);
      expect(res.statusCode).toBe(415);
      expect(error(res).code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(error(res).message).toMatch(/not a JPEG, PNG, WebP, AVIF or GIF image/);
      // JPEG's signature followed by garbage: the header cannot be read.
      const fake = await send(writer, [
        image(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), "x.jpg"),
      ]);
      expect(fake.statusCode).toBe(415);
      const svg = await send(writer, [
        image(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), "x.svg", "image/svg+xml"),
      ]);
      expect(svg.statusCode).toBe(415);
      expect(await rowCount()).toBe(before);
      expect(filesUnder(path.join(dataDir, "tmp"))).toEqual([]);
    });

    it("refuses a file over 25 MB with 413 and keeps nothing", async () => {
      const before = await rowCount();
      const mediaBefore = (await stored.keys("")).length;
      const big = Buffer.alloc(30 * 1024 * 1024, 1);
      (await twoTone(64, 64).jpeg().toBuffer()).copy(big);
      const res = await send(writer, [image(big, "huge.jpg")]);
      expect(res.statusCode).toBe(413);
      expect(error(res).code).toBe("PAYLOAD_TOO_LARGE");
      expect(await rowCount()).toBe(before);
      expect(filesUnder(path.join(dataDir, "tmp"))).toEqual([]);
      expect((await stored.keys("")).length).toBe(mediaBefore);
    });

    it("refuses a decompression bomb (a tiny PNG declaring 50000 × 50000 pixels) before decoding it", async () => {
      const bomb = pixelBombPng(50_000, 50_000);
      expect(bomb.length).toBeLessThan(100_000);
      const started = Date.now();
      const res = await send(writer, [image(bomb, "bomb.png", "image/png")]);
      expect(res.statusCode).toBe(400);
      expect(error(res).code).toBe("BAD_REQUEST");
      expect(error(res).message).toContain("50000 × 50000");
      expect(error(res).message).toContain("100 megapixels");
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(filesUnder(path.join(dataDir, "tmp"))).toEqual([]);
    });

    it("refuses an empty file, a missing file field, a second file and unknown fields with 400", async () => {
      const empty = await send(writer, [image(Buffer.alloc(0), "empty.jpg")]);
      expect(empty.statusCode).toBe(400);
      expect(error(empty).message).toBe("The file is empty");
      const missing = await send(writer, [{ name: "alt", value: "No file" }]);
      expect(missing.statusCode).toBe(400);
      expect(error(missing).code).toBe("VALIDATION_FAILED");
      expect(error(missing).details).toEqual([{ path: "file", message: "Choose an image to upload" }]);
      const jpeg = await twoTone(100, 100).jpeg().toBuffer();
      const wrongField = await send(writer, [{ name: "image", filename: "a.jpg", type: "image/jpeg", data: jpeg }]);
      expect(wrongField.statusCode).toBe(400);
      const twoFiles = await send(writer, [image(jpeg, "a.jpg"), image(jpeg, "b.jpg")]);
      expect(twoFiles.statusCode).toBe(400);
      expect(error(twoFiles).details).toEqual([{ path: "file", message: "Unexpected file" }]);
      const unknown = await send(writer, [image(jpeg), { name: "title", value: "x" }]);
      expect(unknown.statusCode).toBe(400);
      expect(error(unknown).code).toBe("VALIDATION_FAILED");
      const longAlt = await send(writer, [image(jpeg), { name: "alt", value: "a".repeat(1001) }]);
      expect(longAlt.statusCode).toBe(400);
      const json = await app.inject({
        method: "POST",
        url: "/api/newsroom/media",
        headers: writer.headers,
        payload: { file: "x" },
      });
      expect(json.statusCode).toBe(415);
    });

    it("asks for a session (401) and the CSRF token (403); a contributor may upload", async () => {
      const jpeg = await twoTone(120, 90, "#345", "#abc").jpeg().toBuffer();
      const anonymous = await send(undefined, [image(jpeg)]);
      expect(anonymous.statusCode).toBe(401);
      expect(error(anonymous).code).toBe("UNAUTHORIZED");
      const noCsrf = await send(undefined, [image(jpeg)], { cookie: writer.cookie });
      expect(noCsrf.statusCode).toBe(403);
      expect(error(noCsrf).code).toBe("CSRF");
      expect((await app.inject({ url: "/api/newsroom/media" })).statusCode).toBe(401);
      const contributor = await signedIn(get().handle.db, "contributor");
      const res = await send(contributor, [image(jpeg)]);
      expect(res.statusCode).toBe(201);
      expect(item(res).uploadedBy?.id).toBe(contributor.user.id);
    });
  });
});
