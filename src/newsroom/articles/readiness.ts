import type { ArticleRow } from "../../articles/article.table.js";
import { collectEmbeds } from "../../articles/document/document.schema.js";
import type { Db } from "../../database.js";
import { mediaMissingAlt } from "../../media/media.queries.js";
import { AppError } from "../../platform/errors.js";
import { formatDateTime } from "../../platform/time.js";
import { snapshotOf, snapshotWords } from "./article-draft.js";

// What publishing and scheduling check before an article may go out (workflow.ts): the story is
// complete (headline, words, an author, alt text on every image) and no embargo holds it back.

/** Why the article cannot go out yet (empty list = ready). */
export async function readinessProblems(db: Db, row: ArticleRow): Promise<{ path: string; message: string }[]> {
  const snapshot = await snapshotOf(db, row);
  const problems: { path: string; message: string }[] = [];
  if (!snapshot.headline) problems.push({ path: "headline", message: "Write a headline" });
  if (snapshotWords(snapshot) < 1) problems.push({ path: "body", message: "Write the story" });
  if (snapshot.authorIds.length === 0) problems.push({ path: "authorIds", message: "Add at least one author" });
  const images = [
    ...(snapshot.heroMediaId ? [snapshot.heroMediaId] : []),
    ...(snapshot.socialMediaId ? [snapshot.socialMediaId] : []),
    ...collectEmbeds(snapshot.body).mediaIds,
  ];
  for (const id of await mediaMissingAlt(db, images)) {
    problems.push({ path: "media", message: `Image ${id} needs alt text before publishing` });
  }
  for (const block of snapshot.body.content) {
    if (block.type === "image" && !block.attrs.alt.trim())
      problems.push({ path: "body", message: `An image in the story (${block.attrs.mediaId}) needs alt text` });
  }
  return problems;
}

export async function assertReady(db: Db, row: ArticleRow) {
  const problems = await readinessProblems(db, row);
  if (problems.length) {
    throw new AppError("NOT_READY", `Not ready to publish: ${problems.map((p) => p.message).join("; ")}`, {
      details: problems,
    });
  }
}

export function assertEmbargo(row: ArticleRow, at: Date, timeZone: string) {
  if (row.embargo_at && at.getTime() < Date.parse(row.embargo_at)) {
    throw new AppError(
      "EMBARGOED",
      `Under embargo until ${formatDateTime(new Date(row.embargo_at), timeZone)}: it cannot go out before then`,
      { details: [{ path: "embargoAt", message: "Embargoed" }] },
    );
  }
}
