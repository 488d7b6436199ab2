import { sql } from "kysely";
import type { Db } from "../database.js";

// Privacy-respecting page views: counted in memory per article and hour, written in one batch
// every few seconds, so serving a page never waits on a write. No cookies, no addresses, no user
// agents are stored; known bots are not counted. A crash loses at most one interval of counts.

const BOTS =
  /bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|quora link preview|whatsapp|preview|headless|lighthouse|curl|wget|python-requests|go-http-client|node-fetch|axios|wrk|ab\/|apachebench/i;

export const isBot = (userAgent: string | undefined) => !userAgent || BOTS.test(userAgent);

export const hourOf = (at: Date) => at.toISOString().slice(0, 13);

export class ViewCounter {
  private pending = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Counts one view unless the user agent looks like a bot. */
  record(articleId: number, userAgent: string | undefined): void {
    if (isBot(userAgent)) return;
    const key = `${articleId}|${hourOf(this.now())}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Writes the counts gathered so far in one statement; safe to call at any time, even twice. */
  async flush(db: Db): Promise<number> {
    if (this.pending.size === 0) return 0;
    const batch = this.pending;
    this.pending = new Map();
    const all = [...batch].map(([key, views]) => {
      const [id, hour] = key.split("|") as [string, string];
      return { article_id: Number(id), hour, views };
    });
    try {
      // Views of an article deleted since are dropped, so one stale id cannot block the batch.
      const ids = [...new Set(all.map((r) => r.article_id))];
      const existing = new Set(
        (await db.selectFrom("articles").select("id").where("id", "in", ids).execute()).map((r) => r.id),
      );
      const rows = all.filter((r) => existing.has(r.article_id));
      if (rows.length === 0) return 0;
      await db
        .insertInto("article_views")
        .values(rows)
        .onConflict((oc) =>
          oc.columns(["article_id", "hour"]).doUpdateSet({ views: sql<number>`article_views.views + excluded.views` }),
        )
        .execute();
      return rows.length;
    } catch (error) {
      // Put the counts back so the next flush retries them (an article deleted meanwhile is dropped then).
      for (const [key, views] of batch) this.pending.set(key, (this.pending.get(key) ?? 0) + views);
      throw error;
    }
  }
}
