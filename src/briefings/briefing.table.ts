import type { Generated } from "kysely";

export interface BriefingTable {
  id: Generated<number>;
  /** The newsletter this edition belongs to, e.g. "morning-headlines". */
  newsletter: string;
  /**
   * The edition's day in the newsroom's time zone, YYYY-MM-DD (a weekly edition: the day it goes
   * out). A breaking-news alert, several of which can come in one day, has the ISO instant it was
   * raised instead; it is found by `article_id`.
   */
  edition_date: string;
  intro: Generated<string>;
  status: Generated<"draft" | "published">;
  published_at: string | null;
  created_at: string;
  send_status: Generated<"pending" | "held" | "sending" | "sent">;
  sent_at: string | null;
  /** Bumped by every editor's change; a change made from an older version is refused. */
  version: Generated<number>;
  updated_at: string | null;
  /** A breaking-news alert's article (unique per newsletter). */
  article_id: number | null;
  /** Who is sending this edition now, and until when (a sender renews it; a dead one lets it lapse). */
  send_lease_by: string | null;
  send_lease_until: string | null;
}

export interface BriefingItemTable {
  briefing_id: number;
  position: number;
  article_id: number;
  line: string;
}

/** The videos of a Video newsletter edition, in order. */
export interface BriefingVideoTable {
  briefing_id: number;
  position: number;
  video_id: number;
  line: string;
}
