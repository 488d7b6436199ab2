import { diffWords } from "diff";
import { documentToPlainText } from "../../articles/document/plain-text.js";
import type { Db } from "../../database.js";
import { AppError } from "../../platform/errors.js";
import type { Snapshot } from "./article-draft.js";

export interface RevisionSummary {
  id: number;
  version: number;
  user: string | null;
  createdAt: string;
  updatedAt: string;
  note: string;
}

export async function listRevisions(db: Db, articleId: number): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom("article_revisions as r")
    .leftJoin("users as u", "u.id", "r.user_id")
    .select(["r.id", "r.version", "u.name", "r.created_at", "r.updated_at", "r.note"])
    .where("r.article_id", "=", articleId)
    .orderBy("r.id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    user: r.name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    note: r.note,
  }));
}

export async function getRevision(db: Db, articleId: number, revisionId: number) {
  const row = await db
    .selectFrom("article_revisions as r")
    .leftJoin("users as u", "u.id", "r.user_id")
    .select(["r.id", "r.version", "u.name", "r.created_at", "r.snapshot"])
    .where("r.id", "=", revisionId)
    .where("r.article_id", "=", articleId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "No such revision of this article");
  return {
    id: row.id,
    version: row.version,
    user: row.name,
    createdAt: row.created_at,
    snapshot: JSON.parse(row.snapshot) as Snapshot,
  };
}

export interface FieldDiff {
  field: string;
  changes: { op: "equal" | "insert" | "delete"; text: string }[];
}

/** The readable text of each field, for comparing two revisions word by word. */
function comparable(s: Snapshot): Record<string, string> {
  return {
    kicker: s.kicker,
    headline: s.headline,
    standfirst: s.standfirst,
    body: documentToPlainText(s.body),
    slug: s.slug,
    seoTitle: s.seoTitle,
    seoDescription: s.seoDescription,
    editorsNotes: s.editorsNotes,
    heroCaption: s.heroCaption ?? "",
    heroCredit: s.heroCredit ?? "",
    section: String(s.sectionId),
    topics: s.tagIds.join(", "),
    authors: s.authorIds.join(", "),
    breaking: s.breaking ? "yes" : "no",
    embargo: s.embargoAt ?? "",
  };
}

/** Word-level differences from revision a to revision b, only for the fields that changed. */
export function compareSnapshots(a: Snapshot, b: Snapshot): FieldDiff[] {
  return compareFields(comparable(a), comparable(b));
}

/** Word-level differences between two sets of texts, for the fields (of `left`) that differ. */
export function compareFields(left: Record<string, string>, right: Record<string, string>): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of Object.keys(left)) {
    const a = left[field] ?? "";
    const b = right[field] ?? "";
    if (a === b) continue;
    out.push({
      field,
      changes: diffWords(a, b).map((c) => ({
        op: c.added ? "insert" : c.removed ? "delete" : "equal",
        text: c.value,
      })),
    });
  }
  return out;
}
