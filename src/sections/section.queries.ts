import type { Db } from "../database.js";
import { precompiled } from "../platform/db/precompiled.js";

export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string;
  url: string;
  /** It has a published story: the navigation lists only these (absent: listed). */
  hasStories?: boolean;
}

export const sectionPath = (slug: string) => `/${slug}`;

const allSections = precompiled((db) =>
  db
    .selectFrom("sections as s")
    .selectAll("s")
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("articles as a")
            .select("a.id")
            .whereRef("a.section_id", "=", "s.id")
            .where("a.status", "=", "published"),
        )
        .as("has_stories"),
    )
    .orderBy("s.position")
    .orderBy("s.name"),
);

/** Sections with at least one published story: what the navigation shows (an empty one stays hidden). */
const liveSections = precompiled((db) =>
  db
    .selectFrom("sections as s")
    .selectAll("s")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("articles as a")
          .select("a.id")
          .whereRef("a.section_id", "=", "s.id")
          .where("a.status", "=", "published"),
      ),
    )
    .orderBy("s.position")
    .orderBy("s.name"),
);

export async function listSections(db: Db, options: { published?: boolean } = {}): Promise<Section[]> {
  const rows = options.published ? await liveSections(db, {}) : await allSections(db, {});
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    url: sectionPath(r.slug),
    // SQLite answers 0/1, PostgreSQL true/false; the published list holds only sections with stories.
    hasStories: options.published ? true : Boolean((r as { has_stories?: unknown }).has_stories),
  }));
}
