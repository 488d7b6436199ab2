import type { ArticleDocument } from "../articles/document/document.schema.js";
import type { Db } from "../database.js";
import { recordAudit } from "../platform/admin/audit.js";
import { type Actor, createDraft, saveDraft } from "../newsroom/articles/article-editing.js";
import { inTransaction } from "../platform/db/transaction.js";
import { AppError } from "../platform/errors.js";
import { slugify } from "../platform/slug.js";
import type { WireImage } from "./wire-item.js";
import { type PictureDeps, type TakenPictures, pictureNote, takePictures } from "./wire-pictures.js";

// "Use this": a draft made from a wire item, in one transaction: the headline, standfirst and
// body, the source's embargo, the agency as a byline after the writer's own, the first picture as
// the hero image, and a note linking back to the item. The pictures are fetched before the
// transaction opens (a slow picture host must not hold the database), and a picture that could not
// be had is named in the note. The draft is then edited and published as any other.

export async function useWireItem(
  db: Db,
  actor: Actor,
  itemId: number,
  now: Date,
  pictures?: Omit<PictureDeps, "db">,
): Promise<number> {
  const offered = await db
    .selectFrom("wire_items")
    .select(["images", "killed_at"])
    .where("id", "=", itemId)
    .executeTakeFirst();
  if (!offered) throw new AppError("NOT_FOUND", "No such wire item");
  if (offered.killed_at) throw killedError();
  const images = JSON.parse(offered.images) as WireImage[];
  const taken: TakenPictures =
    pictures && images.length
      ? await takePictures({ ...pictures, db }, images, actor.user.id, now)
      : { stored: [], failed: [], notTried: [] };
  const lead = taken.stored[0];
  return inTransaction(db, async (trx) => {
    const item = await trx
      .selectFrom("wire_items")
      .innerJoin("wire_providers", "wire_providers.id", "wire_items.provider_id")
      .select([
        "wire_items.id",
        "wire_items.guid",
        "wire_items.version",
        "wire_items.headline",
        "wire_items.standfirst",
        "wire_items.body",
        "wire_items.credit",
        "wire_items.url",
        "wire_items.embargo_at",
        "wire_items.killed_at",
        "wire_items.section_id",
        "wire_providers.name as provider",
      ])
      .where("wire_items.id", "=", itemId)
      .executeTakeFirst();
    if (!item) throw new AppError("NOT_FOUND", "No such wire item");
    if (item.killed_at) throw killedError();

    const articleId = await createDraft(
      trx,
      actor,
      { headline: item.headline.slice(0, 200), sectionId: item.section_id ?? undefined },
      now,
    );
    const { version } = await trx
      .selectFrom("articles")
      .select("version")
      .where("id", "=", articleId)
      .executeTakeFirstOrThrow();
    const credit = item.credit || item.provider;
    const note = [
      `From the wire: ${credit}, “${item.headline}” (version ${item.version}).`,
      `Wire item: /newsroom/wire/${item.id}`,
      item.url ? `Source: ${item.url}` : "",
      ...pictureNote(taken),
    ]
      .filter(Boolean)
      .join("\n")
      .slice(0, 10_000);
    await saveDraft(
      trx,
      actor,
      articleId,
      {
        baseVersion: version,
        standfirst: item.standfirst.slice(0, 600),
        body: JSON.parse(item.body) as ArticleDocument,
        embargoAt: item.embargo_at,
        editorsNotes: note,
        ...(lead
          ? {
              heroMediaId: lead.mediaId,
              heroCaption: lead.picture.caption?.slice(0, 1000) ?? null,
              heroCredit: lead.picture.credit?.slice(0, 200) ?? null,
            }
          : {}),
      },
      now,
      `Made from wire copy (${credit})`,
    );
    const agency = await agencyAuthor(trx, credit);
    const position = await trx
      .selectFrom("article_authors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("article_id", "=", articleId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("article_authors")
      .values({ article_id: articleId, author_id: agency, position: Number(position.n) })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto("wire_uses")
      .values({
        item_id: item.id,
        article_id: articleId,
        version: item.version,
        used_by: actor.user.id,
        used_at: now.toISOString(),
      })
      .execute();
    await recordAudit(trx, now, {
      userId: actor.user.id,
      ip: actor.ip,
      action: "wire.used",
      subjectType: "article",
      subjectId: articleId,
      detail: {
        itemId: item.id,
        guid: item.guid,
        version: item.version,
        pictures: taken.stored.map((p) => p.mediaId),
        picturesFailed: taken.failed.length,
      },
    });
    return articleId;
  });
}

const killedError = () => new AppError("CONFLICT", "The agency withdrew this item (a kill): it must not be used");

/** The author profile that credits an agency: found by name, or made (with no account) on first use. */
async function agencyAuthor(trx: Db, name: string): Promise<number> {
  const found = await trx
    .selectFrom("authors")
    .select("id")
    .where("name", "=", name)
    .where("user_id", "is", null)
    .executeTakeFirst();
  if (found) return found.id;
  const base = slugify(name) || "agency";
  let slug = base;
  for (let n = 2; await trx.selectFrom("authors").select("id").where("slug", "=", slug).executeTakeFirst(); n++)
    slug = `${base}-${n}`;
  const row = await trx
    .insertInto("authors")
    .values({ name, slug, role: "News agency", photo_media_id: null, user_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What the editor of a draft made from wire copy must know: the item, and whether it changed or was killed since. */
export async function wireSourcesOf(db: Db, articleId: number) {
  const rows = await db
    .selectFrom("wire_uses")
    .innerJoin("wire_items", "wire_items.id", "wire_uses.item_id")
    .innerJoin("wire_providers", "wire_providers.id", "wire_items.provider_id")
    .select([
      "wire_items.id as itemId",
      "wire_items.headline",
      "wire_items.version as latestVersion",
      "wire_uses.version as usedVersion",
      "wire_items.killed_at as killedAt",
      "wire_items.embargo_at as embargoAt",
      "wire_providers.name as provider",
    ])
    .where("wire_uses.article_id", "=", articleId)
    .execute();
  return rows.map((r) => ({ ...r, newerVersion: r.latestVersion > r.usedVersion, killed: r.killedAt !== null }));
}
