import type { Db } from "../database.js";
import { RESERVED_SLUGS } from "../newsroom/manage/slugs.js";
import { slugify } from "../platform/slug.js";
import type { NewRedirect } from "../redirects/redirect.queries.js";
import type { SiteExport, SitePerson } from "./site-model.js";

// The authors, tags and sections of an imported site, matched to ours before any post: what an
// earlier run imported (imported_items), else one of ours with the same slug, else a new one.
// Their old addresses (`/tag/<slug>/`, `/author/<slug>/`, `/category/<slug>/`) answer 301 too.

type Kind = "author" | "tag" | "section";
export interface Taxonomy {
  authors: Map<string, number>;
  tags: Map<string, number>;
  sections: Map<string, number>;
  created: { authors: number; tags: number; sections: string[] };
  redirects: NewRedirect[];
}

async function importedIds(db: Db, source: string, kind: Kind): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("imported_items")
    .select(["external_id", "local_id"])
    .where("source", "=", source)
    .where("kind", "=", kind)
    .execute();
  return new Map(rows.map((r) => [r.external_id, r.local_id]));
}

/** Matches (and unless `dryRun` creates) the site's authors, tags and sections, in the caller's transaction. */
export async function settleTaxonomy(db: Db, site: SiteExport, now: Date, dryRun: boolean): Promise<Taxonomy> {
  const result: Taxonomy = {
    authors: new Map(),
    tags: new Map(),
    sections: new Map(),
    created: { authors: 0, tags: 0, sections: [] },
    redirects: [],
  };
  const remember = (kind: Kind, externalId: string, localId: number) =>
    dryRun
      ? Promise.resolve()
      : db
          .insertInto("imported_items")
          .values({
            source: site.source,
            kind,
            external_id: externalId,
            local_id: localId,
            created_at: now.toISOString(),
          })
          .onConflict((oc) => oc.columns(["source", "kind", "external_id"]).doNothing())
          .execute();

  // Authors
  const knownAuthors = await importedIds(db, site.source, "author");
  const authors = await db.selectFrom("authors").select(["id", "slug"]).execute();
  const authorSlugs = new Map(authors.map((a) => [a.slug, a.id]));
  for (const person of site.authors) {
    const slug = slugify(person.slug || person.name) || "author";
    let id = knownAuthors.get(person.externalId) ?? authorSlugs.get(slug);
    if (id === undefined) {
      id = dryRun ? -1 : await createAuthor(db, person, slug);
      authorSlugs.set(slug, id);
      result.created.authors += 1;
    }
    result.authors.set(person.externalId, id);
    await remember("author", person.externalId, id);
    if (person.oldPath) result.redirects.push({ path: person.oldPath, target: `/authors/${slug}` });
  }

  // Tags
  const knownTags = await importedIds(db, site.source, "tag");
  const tags = await db.selectFrom("tags").select(["id", "slug"]).execute();
  const tagSlugs = new Map(tags.map((t) => [t.slug, t.id]));
  for (const term of site.tags) {
    const slug = slugify(term.slug || term.name) || "topic";
    let id = knownTags.get(term.externalId) ?? tagSlugs.get(slug);
    if (id === undefined) {
      id = dryRun
        ? -1
        : (await db.insertInto("tags").values({ slug, name: term.name }).returning("id").executeTakeFirstOrThrow()).id;
      tagSlugs.set(slug, id);
      result.created.tags += 1;
    }
    result.tags.set(term.externalId, id);
    await remember("tag", term.externalId, id);
    if (term.oldPath) result.redirects.push({ path: term.oldPath, target: `/tags/${slug}` });
  }

  // Sections (WordPress categories)
  const knownSections = await importedIds(db, site.source, "section");
  const sections = await db.selectFrom("sections").select(["id", "slug", "position"]).execute();
  const sectionSlugs = new Map(sections.map((s) => [s.slug, s.id]));
  let position = sections.reduce((max, s) => Math.max(max, s.position), -1);
  for (const term of site.sections) {
    let slug = slugify(term.slug || term.name) || "section";
    // A section may not take the name of a fixed page (docs/adr/003).
    if (RESERVED_SLUGS.has(slug)) slug = `${slug}-section`;
    let id = knownSections.get(term.externalId) ?? sectionSlugs.get(slug);
    if (id === undefined) {
      id = dryRun
        ? -1
        : (
            await db
              .insertInto("sections")
              .values({ slug, name: term.name, position: (position += 1) })
              .returning("id")
              .executeTakeFirstOrThrow()
          ).id;
      sectionSlugs.set(slug, id);
      result.created.sections.push(slug);
    }
    result.sections.set(term.externalId, id);
    await remember("section", term.externalId, id);
    if (term.oldPath) result.redirects.push({ path: term.oldPath, target: `/${slug}` });
  }
  return result;
}

async function createAuthor(db: Db, person: SitePerson, slug: string): Promise<number> {
  const row = await db
    .insertInto("authors")
    .values({ slug, name: person.name, bio: person.bio ?? "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
