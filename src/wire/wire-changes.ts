import type { Db } from "../database.js";
import { type FieldDiff, compareFields } from "../newsroom/articles/revisions.js";
import { AppError } from "../platform/errors.js";

// What changed between two versions of a wire item (docs/adr/030): the words of the headline,
// standfirst and body, compared word by word as the article revisions are. By default the latest
// version against the one before it; a draft's editor asks from the version their draft was made of.

export interface VersionChanges {
  from: number;
  to: number;
  fields: FieldDiff[];
}

export async function compareItemVersions(
  db: Db,
  itemId: number,
  wanted: { from?: number | undefined; to?: number | undefined },
): Promise<VersionChanges> {
  const versions = await db
    .selectFrom("wire_item_versions")
    .select(["version", "headline", "standfirst", "text"])
    .where("item_id", "=", itemId)
    .orderBy("version", "desc")
    .execute();
  if (!versions.length) throw new AppError("NOT_FOUND", "No such wire item");
  const find = (n: number) => {
    const found = versions.find((v) => v.version === n);
    if (!found) throw new AppError("NOT_FOUND", `This item has no version ${n}`);
    return found;
  };
  const to = wanted.to === undefined ? versions[0]! : find(wanted.to);
  const from = wanted.from === undefined ? (versions.find((v) => v.version < to.version) ?? to) : find(wanted.from);
  const words = (v: typeof to) => ({ headline: v.headline, standfirst: v.standfirst, body: v.text });
  return { from: from.version, to: to.version, fields: compareFields(words(from), words(to)) };
}
