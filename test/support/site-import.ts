import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../../src/app.js";
import type { SiteImportOptions } from "../../src/importer/site-import.js";
import { twoTone } from "../../src/media/media-test-files.js";
import { createStorage } from "../../src/platform/storage/create-storage.js";
import type { TestDatabase } from "./databases.js";
import { buildSection } from "./factories.js";

// What the Ghost and WordPress import tests share: a copy of the old site's uploads folder, and on
// each database the site the export is imported into, on a fixed clock.

/**
 * A folder standing for the old site's uploads (`--media-dir`), with a two-tone PNG at each
 * relative path, of the size given; made before the file's tests and removed after them.
 */
export function uploadsFolder(prefix: string, pictures: Record<string, [width: number, height: number]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  beforeAll(async () => {
    for (const [file, [width, height]] of Object.entries(pictures)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      await twoTone(width, height).png().toFile(path.join(dir, file));
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Inside `describeEachDatabase`: the section "news" posts fall back to, the site at `now`, and the
 * options an import into it takes.
 */
export function importTarget(get: () => TestDatabase, now: Date, mediaDir: string) {
  let app: FastifyInstance;
  beforeAll(async () => {
    await buildSection(get().handle.db, { slug: "news", name: "News", position: 0 });
    app = await buildApp({ config: get().config, db: get().handle.db, now: () => now, logger: false });
  });
  afterAll(() => app.close());
  return {
    options: (): SiteImportOptions => ({ storage: createStorage(get().config), mediaDir, now: () => now }),
    status: async (url: string) => (await app.inject(url)).statusCode,
    /** The status the site answers `url` with, and where it sends the reader. */
    answer: async (url: string) => {
      const res = await app.inject(url);
      return [res.statusCode, res.headers.location];
    },
  };
}
