import type { Db } from "../database.js";
import { type Image, toImage } from "./image.js";

export async function findImagesByIds(db: Db, ids: number[]): Promise<Map<number, Image>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("media").selectAll().where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, toImage(r)]));
}
