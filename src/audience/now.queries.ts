import { articlePath } from "../articles/article.js";
import type { Db } from "../database.js";
import type { SourceKind } from "./audience.table.js";
import { PRESENCE_SECONDS } from "./audience-rollup.js";
import { minuteOf } from "./audience-counter.js";
import { SOURCE_KINDS, type SourceCounts } from "./figures.queries.js";

// The Now screen: pages open and active in the last five minutes (one presence row per open
// page, refreshed by its heartbeats), the stories they show with their sources, and the views of
// the last 30 minutes by the minute.

export interface NowStory {
  id: number;
  headline: string;
  url: string;
  section: string;
  readers: number;
  sources: SourceCounts;
}

export interface NowFigures {
  at: string;
  readers: number;
  sources: SourceCounts;
  stories: NowStory[];
  /** Views per minute, the last 30 minutes, oldest first. */
  minutes: { t: string; views: number }[];
}

const empty = (): SourceCounts => Object.fromEntries(SOURCE_KINDS.map((k) => [k, 0])) as SourceCounts;

export async function loadNow(db: Db, now: Date, limit = 10): Promise<NowFigures> {
  const since = new Date(now.getTime() - PRESENCE_SECONDS * 1000).toISOString();
  const firstMinute = minuteOf(new Date(now.getTime() - 29 * 60_000));
  const [bySource, minuteRows] = await Promise.all([
    db
      .selectFrom("audience_presence")
      .select(["article_id", "source", (eb) => eb.fn.countAll<number>().as("n")])
      .where("seen_at", ">=", since)
      .groupBy(["article_id", "source"])
      .execute(),
    db.selectFrom("audience_site_minutes").select(["minute", "views"]).where("minute", ">=", firstMinute).execute(),
  ]);
  const sources = empty();
  const perArticle = new Map<number, SourceCounts>();
  let readers = 0;
  for (const r of bySource) {
    const count = Number(r.n);
    readers += count;
    const kind = r.source as SourceKind;
    if (kind in sources) sources[kind] += count;
    if (r.article_id > 0) {
      const s = perArticle.get(r.article_id) ?? empty();
      if (kind in s) s[kind] += count;
      perArticle.set(r.article_id, s);
    }
  }
  const total = (s: SourceCounts) => Object.values(s).reduce((a, b) => a + b, 0);
  const top = [...perArticle].sort((a, b) => total(b[1]) - total(a[1]) || b[0] - a[0]).slice(0, limit);
  const articles = top.length
    ? await db
        .selectFrom("articles as a")
        .innerJoin("sections as s", "s.id", "a.section_id")
        .select(["a.id", "a.headline", "a.slug", "s.slug as section_slug", "s.name as section"])
        .where(
          "a.id",
          "in",
          top.map(([id]) => id),
        )
        .execute()
    : [];
  const stories: NowStory[] = [];
  for (const [id, s] of top) {
    const a = articles.find((r) => r.id === id);
    if (a)
      stories.push({
        id,
        headline: a.headline,
        url: articlePath(a.section_slug, a.slug),
        section: a.section,
        readers: total(s),
        sources: s,
      });
  }
  const views = new Map(minuteRows.map((r) => [r.minute, Number(r.views ?? 0)]));
  const minutes = Array.from({ length: 30 }, (_, i) => {
    const t = minuteOf(new Date(now.getTime() - (29 - i) * 60_000));
    return { t, views: views.get(t) ?? 0 };
  });
  return { at: now.toISOString(), readers, sources, stories, minutes };
}
