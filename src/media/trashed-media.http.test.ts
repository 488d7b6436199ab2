import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { type SignedIn, signedIn } from "../../test/support/newsroom-session.js";
import { REDIS_URL, redisPrefix } from "../../test/support/redis-clients.js";
import { type TestS3, startS3 } from "../../test/support/s3-server.js";
import { buildApp } from "../app.js";
import { purgeTrash } from "../newsroom/trash/purge.js";
import { type Bus, redisBus } from "../platform/bus/index.js";
import type { Config } from "../platform/config.js";
import { closeStorage, createStorage } from "../platform/storage/create-storage.js";
import type { MediaItem } from "./media-item.js";
import { multipartBody, twoTone } from "./media-test-files.js";
import { imageBasesOf } from "./trashed-media.js";

// A trashed image's files are not served (issue 18): its original, variants and crops answer 404
// on the disk and from a bucket, in the process that trashed it and in another instance on the
// same Redis; restored, they are served again; purged, they are gone.

describe("imageBasesOf", () => {
  it("names the image an original, a variant or a crop belongs to", () => {
    expect(imageBasesOf("images/2026/x-1.jpg")).toEqual(["images/2026/x-1", "images/2026/x"]);
    expect(imageBasesOf("images/x-1-640.webp")).toContain("images/x-1");
    expect(imageBasesOf("images/x-1-social-v2.jpg")).toContain("images/x-1");
    expect(imageBasesOf("images/x-1-thumb-v0.webp")).toContain("images/x-1");
  });
});

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
}, 60_000);
afterAll(() => s3?.close());

describeEachDatabase("trashed images on the public site", (get) => {
  for (const store of ["disk", "bucket"] as const) {
    describe(`on the ${store}`, () => {
      let config: Config;
      let dataDir: string;
      const apps: FastifyInstance[] = [];
      const buses: Bus[] = [];
      let editor: SignedIn;
      let image: MediaItem;
      let clock = new Date();

      beforeAll(async () => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-trashed-media-"));
        const storage =
          store === "bucket"
            ? { kind: "s3" as const, ...(await s3.bucket(`trash-${get().dialect}`)) }
            : get().config.storage;
        config = { ...get().config, dataDir, storage };
        // Two web instances on one database, one store and one Redis.
        const prefix = redisPrefix(`trashed-media-${store}`);
        for (let i = 0; i < 2; i++) {
          const bus = await redisBus({ url: REDIS_URL, prefix });
          buses.push(bus);
          apps.push(await buildApp({ config, db: get().handle.db, bus, logger: false, now: () => clock }));
        }
        await Promise.all(buses.map((b) => b.ready()));
        editor = await signedIn(get().handle.db, "editor");
        const { payload, contentType } = multipartBody([
          { name: "alt", value: "Barges at dawn" },
          {
            name: "file",
            filename: "barges.jpg",
            type: "image/jpeg",
            data: await twoTone(1600, 900).jpeg().toBuffer(),
          },
        ]);
        const res = await apps[0]!.inject({
          method: "POST",
          url: "/api/newsroom/media",
          headers: { ...editor.headers, "content-type": contentType },
          payload,
        });
        expect(res.statusCode, res.body).toBe(201);
        image = res.json<MediaItem>();
      });
      afterAll(async () => {
        for (const app of apps) await app.close();
        for (const bus of buses) await bus.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      });

      const files = () => [image.url, image.thumbUrl, image.socialUrl, image.variants[0]!.url];
      const statuses = async (app: FastifyInstance) =>
        Promise.all(files().map(async (url) => (await app.inject({ method: "GET", url })).statusCode));
      const everywhere = (code: number) =>
        expect
          .poll(async () => [...(await statuses(apps[0]!)), ...(await statuses(apps[1]!))])
          .toEqual(Array(8).fill(code));

      it("serves the files, refuses them in the trash on both instances, and serves them again when restored", async () => {
        expect(new Set(files()).size).toBe(4);
        await everywhere(200);
        const trashed = await apps[0]!.inject({
          method: "DELETE",
          url: `/api/newsroom/media/${image.id}`,
          headers: editor.headers,
        });
        expect(trashed.statusCode, trashed.body).toBe(204);
        // The instance that trashed it refuses at once, before it answered the editor.
        expect(await statuses(apps[0]!)).toEqual([404, 404, 404, 404]);
        await everywhere(404);
        const head = await apps[1]!.inject({ method: "HEAD", url: image.url });
        expect(head.statusCode).toBe(404);

        const restored = await apps[1]!.inject({
          method: "POST",
          url: `/api/newsroom/media/${image.id}/restore`,
          headers: editor.headers,
        });
        expect(restored.statusCode, restored.body).toBe(204);
        expect(await statuses(apps[1]!)).toEqual([200, 200, 200, 200]);
        await everywhere(200);
      });

      it("keeps them gone once the trash is purged", async () => {
        await apps[0]!.inject({ method: "DELETE", url: `/api/newsroom/media/${image.id}`, headers: editor.headers });
        clock = new Date(clock.getTime() + 31 * 86_400_000);
        const storage = createStorage(config);
        try {
          expect(await purgeTrash({ db: get().handle.db, storage }, clock)).toMatchObject({ media: 1 });
          for (const url of files()) expect(await storage.stat(url.replace(/^\/media\//, ""))).toBeUndefined();
        } finally {
          closeStorage(storage);
        }
        await everywhere(404);
      });
    });
  }
});
