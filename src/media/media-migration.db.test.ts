import type { Kysely } from "kysely";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import * as mediaLibrary from "../platform/migrations/2026-11-29-0008-media-library.js";

describeEachDatabase("migration 0008 (media library)", (get) => {
  it("goes down and up again, giving existing images WebP only, the focus in the middle and their words to search", async () => {
    const { handle, dialect } = get();
    const db = handle.db as unknown as Kysely<any>;
    await mediaLibrary.down(db);
    await db
      .insertInto("media")
      .values({
        kind: "image",
        storage_key: "images/demo/old.jpg",
        mime: "image/jpeg",
        width: 1600,
        height: 900,
        variant_widths: "[320,640]",
        alt: "Cranes at the HARBOUR",
        caption: "Morning shift",
        credit: "Staff",
        created_at: "2026-11-01T00:00:00.000Z",
      })
      .execute();
    await mediaLibrary.up(db, dialect);
    const row = await handle.db
      .selectFrom("media")
      .selectAll()
      .where("storage_key", "=", "images/demo/old.jpg")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      formats: '["webp"]',
      crop_version: 0,
      bytes: 0,
      sha256: "",
      original_filename: "",
      uploaded_by: null,
      search_text: "cranes at the harbour morning shift staff",
    });
    expect([Number(row.focal_x), Number(row.focal_y)]).toEqual([0.5, 0.5]);
  });
});
