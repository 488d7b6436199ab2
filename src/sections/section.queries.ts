import type { Db } from "../database.js";

export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string;
  url: string;
}

export const sectionPath = (slug: string) => `/${slug}`;

export async function listSections(db: Db): Promise<Section[]> {
  const rows = await db.selectFrom("sections").selectAll().orderBy("position").orderBy("name").execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    url: sectionPath(r.slug),
  }));
}
