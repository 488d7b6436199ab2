/** Where a visit came from: docs/adr/029. "" marks a row that only counts sign-ups. */
export type SourceKind = "direct" | "internal" | "search" | "social" | "newsletter" | "other";

interface Counts {
  /** 0: a page that is not an article. */
  article_id: number;
  source: SourceKind | "";
  /** The referring domain, search engine or network's name, or the newsletter edition's key. */
  referrer: string;
  views: number;
  engaged_seconds: number;
  signups: number;
}

/** Counts per UTC minute ("2026-12-07T05:41"), kept 48 hours. */
export interface AudienceMinuteTable extends Counts {
  minute: string;
}

/** Counts per newsroom day ("2026-12-07" in TZ_NEWSROOM), kept for good. */
export interface AudienceDayTable extends Counts {
  day: string;
  /** utm_source/utm_medium/utm_campaign, or "". */
  campaign: string;
}

/** Today's visitor hashes (daily salt), reduced to counts and deleted once the day is over. */
export interface AudienceVisitorTable {
  day: string;
  /** -1: the site as a whole. */
  article_id: number;
  visitor: string;
}

export interface AudienceDayVisitorTable {
  day: string;
  article_id: number;
  visitors: number;
}

/** The day's salt, deleted with the day's hashes. */
export interface AudienceSaltTable {
  day: string;
  salt: string;
}

/** One open page, for "readers now"; kept five minutes. */
export interface AudiencePresenceTable {
  page_view: string;
  article_id: number;
  source: string;
  referrer: string;
  seen_at: string;
}

// The screens' rollups (docs/adr/037), written by the same flush as the rows above.

interface Sums {
  views: number;
  engaged_seconds: number;
  signups: number;
}

/** The site's counts per newsroom day, by source, referrer and campaign (no article). */
export interface AudienceSiteDayTable extends Sums {
  day: string;
  source: SourceKind | "";
  referrer: string;
  campaign: string;
}

/** One article's counts per newsroom day, all sources together; articles only (no 0). */
export interface AudienceArticleDayTable extends Sums {
  day: string;
  article_id: number;
}

/** A section's counts per newsroom day, by the section the article was in when it was read. */
export interface AudienceSectionDayTable extends Sums {
  day: string;
  section_id: number;
}

/** The site's counts per UTC minute, kept 48 hours like audience_minutes. */
export interface AudienceSiteMinuteTable extends Sums {
  minute: string;
}

/** The last day of each running window (7 and 30 newsroom days); "" before its first build. */
export interface AudiencePeriodTable {
  span: number;
  end_day: string;
}

/** Each article's totals over the window of `span` days ending on audience_periods.end_day. */
export interface AudiencePeriodArticleTable extends Sums {
  span: number;
  article_id: number;
}
