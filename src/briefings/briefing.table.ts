import type { Generated } from "kysely";

export interface BriefingTable {
  id: Generated<number>;
  /** The newsletter this edition belongs to, e.g. "morning-headlines". */
  newsletter: string;
  /** The edition's day in the newsroom's time zone, YYYY-MM-DD. */
  edition_date: string;
  intro: Generated<string>;
  status: Generated<"draft" | "published">;
  published_at: string | null;
  created_at: string;
  send_status: Generated<"pending" | "held" | "sending" | "sent">;
  sent_at: string | null;
}

export interface BriefingItemTable {
  briefing_id: number;
  position: number;
  article_id: number;
  line: string;
}
