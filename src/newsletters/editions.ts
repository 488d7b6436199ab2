import { MORNING_HEADLINES } from "../briefings/briefing.queries.js";
import type { Db } from "../database.js";
import { AppError } from "../platform/errors.js";
import { BREAKING_NEWS, alertKey, loadAlertEdition } from "./breaking-alert.js";
import { loadEdition } from "./edition.js";
import { editionEmail } from "./email/edition-email.js";
import type { OutgoingEdition } from "./send-edition.js";
import { VIDEO_NEWSLETTER, loadVideoEdition, outgoingVideoEdition } from "./video-edition.js";
import { loadDigestEdition, outgoingDigestEdition } from "./digest-edition.js";

// Editions of every newsletter as the newsroom sees them: the key their deliveries are recorded
// under, their delivery counts, and the email any of them makes (for the preview and test sends).

export interface EditionRow {
  id: number;
  newsletter: string;
  edition_date: string;
  intro: string;
  status: "draft" | "published";
  send_status: OutgoingEdition["sendStatus"];
  sent_at: string | null;
  created_at: string;
  updated_at: string | null;
  version: number;
  article_id: number | null;
}

/** The deliveries key: "morning-headlines/2026-11-29", "video/2026-11-27", "breaking-news/article-42". */
export function editionKey(row: Pick<EditionRow, "newsletter" | "edition_date" | "article_id">): string {
  if (row.newsletter === BREAKING_NEWS && row.article_id !== null) return alertKey(row.article_id);
  return `${row.newsletter}/${row.edition_date}`;
}

export async function findEditionRow(db: Db, id: number): Promise<EditionRow> {
  const row = await db
    .selectFrom("briefings")
    .select([
      "id",
      "newsletter",
      "edition_date",
      "intro",
      "status",
      "send_status",
      "sent_at",
      "created_at",
      "updated_at",
      "version",
      "article_id",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", `No edition ${id}`);
  return row;
}

/** The email an edition makes, built as a send would build it now. */
export async function outgoingEdition(
  db: Db,
  row: EditionRow,
  site: { name: string; url: string; timeZone: string },
): Promise<OutgoingEdition> {
  if (row.newsletter === MORNING_HEADLINES) {
    const edition = await loadEdition(db, {
      editionDate: row.edition_date,
      siteName: site.name,
      timeZone: site.timeZone,
    });
    if (!edition?.lead) throw new AppError("CONFLICT", "Every story in this edition has been unpublished or cut");
    return {
      briefingId: row.id,
      key: edition.key,
      sendStatus: edition.sendStatus,
      email: editionEmail(edition, site),
      publishesPage: true,
    };
  }
  if (row.newsletter === VIDEO_NEWSLETTER) {
    const edition = await loadVideoEdition(db, row.id);
    if (!edition || edition.items.length === 0) throw new AppError("CONFLICT", "This edition has no videos left");
    return outgoingVideoEdition(edition, site);
  }
  if (row.newsletter === BREAKING_NEWS && row.article_id !== null) {
    const alert = await loadAlertEdition(
      db,
      { id: row.id, articleId: row.article_id, intro: row.intro, sendStatus: row.send_status },
      site,
    );
    if (alert) return alert;
  }
  const digest = await loadDigestEdition(db, row.id);
  if (digest) {
    if (digest.items.length === 0)
      throw new AppError("CONFLICT", "Every story in this edition has been unpublished or cut");
    return outgoingDigestEdition(digest, site);
  }
  throw new AppError("CONFLICT", `Editions of "${row.newsletter}" have no email yet`);
}
