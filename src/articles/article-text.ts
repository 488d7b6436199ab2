import type { Db } from "../database.js";
import { countWords, documentToPlainText } from "./document/plain-text.js";

// What an article's page says about its text and does not change between requests: its
// description (meta, cards, structured data) and its word count (reading time, structured data).
// Computed when the text is written and stored on the row (docs/adr/022); a row without them (one
// written by an older version or by hand) gets them computed on the page until the backfill job has
// filled it.

export interface TextFacts {
  description: string;
  wordCount: number;
}

/** A description of at most ~160 characters, cut at a word boundary. */
export function describe(standfirst: string, bodyText: string): string {
  const source = (standfirst || bodyText).replace(/\s+/g, " ").trim();
  if (source.length <= 160) return source;
  const cut = source.slice(0, 157);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 100 ? cut.lastIndexOf(" ") : 157)}…`;
}

/** The facts of a standfirst and a body document (parsed). */
export function textFacts(standfirst: string, body: unknown): TextFacts {
  const text = documentToPlainText(body);
  return { description: describe(standfirst, text), wordCount: countWords(text) };
}

/** The stored columns for a standfirst and a body as JSON text (as the row keeps it). */
export function textFactColumns(standfirst: string, bodyJson: string): { description: string; word_count: number } {
  let body: unknown;
  try {
    body = JSON.parse(bodyJson);
  } catch {
    body = { type: "doc", content: [] };
  }
  const facts = textFacts(standfirst, body);
  return { description: facts.description, word_count: facts.wordCount };
}

/**
 * Fills the facts of up to `limit` articles that have none (rows from before they were stored),
 * lowest id first; returns how many it filled. Each call is one transaction, so a large archive is
 * done in small steps while the site serves.
 */
export async function backfillTextFacts(db: Db, limit = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("articles")
      .select(["id", "standfirst", "body"])
      .where("word_count", "is", null)
      .orderBy("id")
      .limit(limit)
      .execute();
    for (const row of rows) {
      await trx
        .updateTable("articles")
        .set(textFactColumns(row.standfirst, row.body))
        .where("id", "=", row.id)
        .execute();
    }
    return rows.length;
  });
}
