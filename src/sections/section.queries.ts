import type { Db } from "../database.js";
import { precompiled } from "../platform/db/precompiled.js";

export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string;
  url: string;
}

export const sectionPath = (slug: string) => `/${slug}`;

const allSections = precompiled((db) => db.selectFrom("sections").selectAll().orderBy("position").orderBy("name"));

export async function listSections(db: Db): Promise<Section[]> {
  const rows = await allSections(db, {});
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    url: sectionPath(r.slug),
  }));
}
