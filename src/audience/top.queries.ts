import { articlePath } from "../articles/article.js";
import type { Db } from "../database.js";
import type { Range } from "./figures.queries.js";
import { addDays } from "./periods.js";

// The period's top stories and sections (docs/adr/037). Stories: for the last 7 or 30 days the
// running window (one row per article, an index on views) answers with a range scan of `limit`
// rows; any other period sums the per-article day rollup. Sections: the per-section day rollup.

export interface StoryFigures {
  id: number;
  headline: string;
  url: string;
  section: string;
  views: number;
  engagedSeconds: number;
  signups: number;
}

export interface SectionFigures {
  slug: string;
  name: string;
  views: number;
  engagedSeconds: number;
}

const n = (v: unknown) => Number(v ?? 0);

interface Top {
  article_id: number;
  views: number;
  engaged: number;
  signups: number;
}

/** The window of `span` days covering exactly the range, if it ends on the range's last day. */
async function windowFor(db: Db, range: Range): Promise<number | undefined> {
  const windows = await db.selectFrom("audience_periods").select(["span", "end_day"]).execute();
  return windows.find((w) => w.end_day === range.to && addDays(w.end_day, -(w.span - 1)) === range.from)?.span;
}

async function topArticles(db: Db, range: Range, limit: number): Promise<Top[]> {
  const span = await windowFor(db, range);
  if (span !== undefined)
    return db
      .selectFrom("audience_period_articles")
      .select(["article_id", "views", "engaged_seconds as engaged", "signups"])
      .where("span", "=", span)
      .orderBy("views", "desc")
      .orderBy("article_id", "desc")
      .limit(limit)
      .execute();
  return db
    .selectFrom("audience_article_days")
    .select((eb) => [
      "article_id",
      eb.fn.sum<number>("views").as("views"),
      eb.fn.sum<number>("engaged_seconds").as("engaged"),
      eb.fn.sum<number>("signups").as("signups"),
    ])
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .groupBy("article_id")
    .orderBy("views", "desc")
    .orderBy("article_id", "desc")
    .limit(limit)
    .execute();
}

/** The period's most read stories: the top totals first, then those few articles. */
export async function topStories(db: Db, range: Range, limit: number): Promise<StoryFigures[]> {
  const top = await topArticles(db, range, limit);
  if (top.length === 0) return [];
  const articles = await db
    .selectFrom("articles as a")
    .innerJoin("sections as s", "s.id", "a.section_id")
    .select(["a.id", "a.headline", "a.slug", "s.slug as section_slug", "s.name as section"])
    .where(
      "a.id",
      "in",
      top.map((t) => t.article_id),
    )
    .execute();
  const byId = new Map(articles.map((a) => [a.id, a]));
  return top.flatMap((t) => {
    const a = byId.get(t.article_id);
    return a
      ? [
          {
            id: a.id,
            headline: a.headline,
            url: articlePath(a.section_slug, a.slug),
            section: a.section,
            views: n(t.views),
            engagedSeconds: n(t.engaged),
            signups: n(t.signups),
          },
        ]
      : [];
  });
}

export async function topSections(db: Db, range: Range, limit: number): Promise<SectionFigures[]> {
  const rows = await db
    .selectFrom("audience_section_days as d")
    .innerJoin("sections as s", "s.id", "d.section_id")
    .select((eb) => [
      "s.slug",
      "s.name",
      eb.fn.sum<number>("d.views").as("views"),
      eb.fn.sum<number>("d.engaged_seconds").as("engaged"),
    ])
    .where("d.day", ">=", range.from)
    .where("d.day", "<=", range.to)
    .groupBy(["s.slug", "s.name"])
    .orderBy("views", "desc")
    .orderBy("s.slug")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name, views: n(r.views), engagedSeconds: n(r.engaged) }));
}
