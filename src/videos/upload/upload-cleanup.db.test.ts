import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { LocalDiskStorage } from "../../platform/storage/storage.js";
import { removeAbandonedUploads } from "./upload-cleanup.js";

const NOW = new Date("2026-07-08T10:00:00Z");

describeEachDatabase("removeAbandonedUploads", (get) => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "london-daily-upload-cleanup-"));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("removes week-old sessions and their chunks, and keeps recent ones", async () => {
    const db = get().handle.db;
    const storage = new LocalDiskStorage(root);
    const upload = (id: string, updated: string) =>
      db
        .insertInto("video_uploads")
        .values({ id, filename: "a.mp4", title: "A", received: 3, chunks: 1, created_at: updated, updated_at: updated })
        .execute();
    const old = "a".repeat(32);
    const recent = "b".repeat(32);
    await upload(old, "2026-06-30T09:59:59.000Z");
    await upload(recent, "2026-07-02T10:00:00.000Z");
    await storage.write(`video-uploads/${old}/000000.chunk`, Buffer.from("abc"));
    await storage.write(`video-uploads/${recent}/000000.chunk`, Buffer.from("abc"));

    expect(await removeAbandonedUploads({ db, storage }, NOW)).toEqual({ removed: 1 });
    expect(await storage.stat(`video-uploads/${old}/000000.chunk`)).toBeUndefined();
    expect(await storage.stat(`video-uploads/${recent}/000000.chunk`)).toMatchObject({ size: 3 });
    const ids = await db.selectFrom("video_uploads").select("id").execute();
    expect(ids.map((r) => r.id)).toEqual([recent]);
    expect(await removeAbandonedUploads({ db, storage }, NOW)).toEqual({ removed: 0 });
  });
});
