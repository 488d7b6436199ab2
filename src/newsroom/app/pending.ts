import type { ArticleDraft } from "./types.js";
import { STATUS_LABELS } from "./types.js";

// The words for a published story's edits that readers do not see yet (docs/adr/019).

export function unpublishedChanges(changes: number): string {
  if (changes === 0) return "unpublished edits (same as the live version)";
  return `${changes} unpublished change${changes === 1 ? "" : "s"}`;
}

/** "Published — 3 unpublished changes", or the plain status. */
export function statusText(draft: Pick<ArticleDraft, "status" | "pending">): string {
  const label = STATUS_LABELS[draft.status];
  return draft.status === "published" && draft.pending
    ? `${label} — ${unpublishedChanges(draft.pending.changes)}`
    : label;
}
