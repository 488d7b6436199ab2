import { sql, type Kysely } from "kysely";
import type { Dialect } from "../db/connect.js";

// The audience desk's screens read totals sized for 100,000 articles and years of days
// (docs/adr/037): per day for the site (by source, referrer and campaign), per day and article,
// per day and section, per minute for the site, and each article's running total over the last 7
// and 30 newsroom days, with the day that window ends on. The flush keeps them all, in the same
// transaction as the detailed rows; existing counts are copied in here.
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const counts = <T extends string>(
    name: string,
    key: [T, ...string[]],
    keyTypes: Record<string, "text" | "integer">,
  ) => {
    let t = db.schema.createTable(name);
    for (const [col, type] of Object.entries(keyTypes)) t = t.addColumn(col, type, (c) => c.notNull());
    return t
      .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("engaged_seconds", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("signups", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint(`${name}_pk`, key as never);
  };
  await counts("audience_site_days", ["day", "source", "referrer", "campaign"], {
    day: "text",
    source: "text",
    referrer: "text",
    campaign: "text",
  }).execute();
  await counts("audience_article_days", ["day", "article_id"], { day: "text", article_id: "integer" }).execute();
  await db.schema
    .createIndex("audience_article_days_article_idx")
    .on("audience_article_days")
    .columns(["article_id", "day"])
    .execute();
  await counts("audience_section_days", ["day", "section_id"], { day: "text", section_id: "integer" }).execute();
  await counts("audience_site_minutes", ["minute"], { minute: "text" }).execute();
  await db.schema
    .createTable("audience_periods")
    // 7 or 30: the window's length in newsroom days, today included
    .addColumn("span", "integer", (c) => c.primaryKey())
    // the window's last day; "" until the roll-up first builds it
    .addColumn("end_day", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("audience_periods")
    .values([
      { span: 7, end_day: "" },
      { span: 30, end_day: "" },
    ])
    .execute();
  await counts("audience_period_articles", ["span", "article_id"], {
    span: "integer",
    article_id: "integer",
  }).execute();
  await db.schema
    .createIndex("audience_period_articles_views_idx")
    .on("audience_period_articles")
    .columns(["span", "views desc", "article_id desc"])
    .execute();

  // Backfill from the detailed rows (the windows are built by the roll-up job within a minute).
  await sql`insert into audience_site_days (day, source, referrer, campaign, views, engaged_seconds, signups)
    select day, source, referrer, campaign, sum(views), sum(engaged_seconds), sum(signups)
    from audience_days group by day, source, referrer, campaign`.execute(db);
  await sql`insert into audience_article_days (day, article_id, views, engaged_seconds, signups)
    select day, article_id, sum(views), sum(engaged_seconds), sum(signups)
    from audience_days where article_id > 0 group by day, article_id`.execute(db);
  await sql`insert into audience_section_days (day, section_id, views, engaged_seconds, signups)
    select d.day, a.section_id, sum(d.views), sum(d.engaged_seconds), sum(d.signups)
    from audience_days d join articles a on a.id = d.article_id group by d.day, a.section_id`.execute(db);
  await sql`insert into audience_site_minutes (minute, views, engaged_seconds, signups)
    select minute, sum(views), sum(engaged_seconds), sum(signups) from audience_minutes group by minute`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "audience_period_articles",
    "audience_periods",
    "audience_site_minutes",
    "audience_section_days",
    "audience_article_days",
    "audience_site_days",
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
