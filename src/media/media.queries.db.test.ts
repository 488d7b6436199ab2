import { expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.js";
import { buildImage } from "../../test/support/factories.js";
import { findImagesByIds, findMediaBySha256, mediaMissingAlt } from "./media.queries.js";

describeEachDatabase("media queries", (get) => {
  it("mediaMissingAlt names the images whose alt text is empty or blank, once each", async () => {
    const db = get().handle.db;
    const described = await buildImage(db, { alt: "A described picture" });
    const empty = await buildImage(db, { alt: "" });
    const blank = await buildImage(db, { alt: "   " });
    expect(await mediaMissingAlt(db, [described.id, blank.id, empty.id, blank.id, 987654])).toEqual(
      [empty.id, blank.id].sort((a, b) => a - b),
    );
    expect(await mediaMissingAlt(db, [described.id])).toEqual([]);
    expect(await mediaMissingAlt(db, [])).toEqual([]);
  });

  it("gives rows made before the library (the seed, factories) WebP only, the focus in the middle and no crops", async () => {
    const db = get().handle.db;
    const seeded = await buildImage(db, { widths: [320, 640] });
    const row = await db.selectFrom("media").selectAll().where("id", "=", seeded.id).executeTakeFirstOrThrow();
    expect([
      row.formats,
      Number(row.focal_x),
      Number(row.focal_y),
      row.crop_version,
      row.bytes,
      row.uploaded_by,
    ]).toEqual(['["webp"]', 0.5, 0.5, 0, 0, null]);
    const image = (await findImagesByIds(db, [seeded.id])).get(seeded.id)!;
    expect(image.variants.map((v) => v.width)).toEqual([320, 640]);
    expect(image.avif).toBeUndefined();
    expect(await findMediaBySha256(db, "")).toBeUndefined();
  });

  it("stores a focal point exactly on both engines", async () => {
    const db = get().handle.db;
    const img = await buildImage(db);
    await db.updateTable("media").set({ focal_x: 0.3, focal_y: 0.71 }).where("id", "=", img.id).execute();
    const row = await db
      .selectFrom("media")
      .select(["focal_x", "focal_y"])
      .where("id", "=", img.id)
      .executeTakeFirstOrThrow();
    expect([row.focal_x, row.focal_y]).toEqual([0.3, 0.71]);
  });
});
