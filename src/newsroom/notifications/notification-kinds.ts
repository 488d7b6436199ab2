import type { ArticleStatus } from "../../articles/article.table.js";

// Which workflow moves tell whom (issue 18, docs/adr/026). Each event is one kind, so one email:
// a story approved from the review queue is "approved" whether it was published or scheduled.

export const NOTIFICATION_KINDS = ["submitted", "returned", "approved", "scheduled", "published"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who is told: the desk (those who review) or the story's own people (its creator and bylined accounts). */
export type Audience = "reviewers" | "writers";

export const KIND_AUDIENCE: Record<NotificationKind, Audience> = {
  submitted: "reviewers",
  returned: "writers",
  approved: "writers",
  scheduled: "writers",
  published: "writers",
};

/** The words of the account screen's choices. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  submitted: "A story is submitted for review (editors)",
  returned: "My story is returned to me with a note",
  approved: "My story is approved",
  scheduled: "My story is scheduled",
  published: "My story is published",
};

/** The kind of a move from one status to another, or null when nobody is told (unpublish, unschedule). */
export function kindOfMove(from: string, to: ArticleStatus): NotificationKind | null {
  if (to === "in_review") return "submitted";
  if (to === "draft" && (from === "in_review" || from === "scheduled")) return "returned";
  if ((to === "published" || to === "scheduled") && from === "in_review") return "approved";
  if (to === "scheduled") return "scheduled";
  if (to === "published") return "published";
  return null;
}
