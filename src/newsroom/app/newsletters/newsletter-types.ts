// The newsletters newsroom API's shapes (src/newsletters/README.md), as the app reads them.

export interface Newsletter {
  id: number;
  slug: string;
  name: string;
  description: string;
  kind: "daily" | "weekly" | "alert";
  sendCron: string | null;
  timeZone: string;
  nextSendAt: string | null;
  status: "active" | "paused";
  /** Added by an admin: a digest of one section, one topic, or every section. */
  digest: boolean;
  source: { section: { id: number; name: string } | null; tag: { id: number; name: string } | null };
  confirmed: number;
  pending: number;
  /** The latest compose or send: its note (sent counts, an empty news day, held, paused). */
  lastRun: { at: string; note: string; failed: boolean } | null;
}

/** How the newsroom names a digest's source. */
export function sourceLabel(n: Pick<Newsletter, "source">): string {
  if (n.source.section) return `stories from ${n.source.section.name}`;
  if (n.source.tag) return `stories on ${n.source.tag.name}`;
  return "stories from every section";
}

/**
 * Where an edition's sending stands (src/newsletters/edition-detail.ts): never simply "sent" while a
 * delivery waits for its next try (retrying) or failed (sent-with-failures; failed: nobody got it).
 */
export type EditionStatus = "pending" | "held" | "sending" | "retrying" | "sent" | "sent-with-failures" | "failed";

export interface Edition {
  id: number;
  newsletter: string;
  editionDate: string;
  articleId: number | null;
  status: EditionStatus;
  published: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deliveries: { delivered: number; waiting: number; failed: number };
  /** Bounces and complaints that came back after the SMTP server accepted the messages. */
  reports: { hardBounces: number; softBounces: number; complaints: number };
  /** When the waiting deliveries are tried next. */
  nextRetryAt: string | null;
}

export interface EditionItem {
  id: number;
  position: number;
  title: string;
  line: string;
  url: string | null;
}

export interface EditionDetail extends Edition {
  /** "London Daily Morning Headlines - Wednesday, May 1 2024": the title subscribers read. */
  title: string;
  /** When the schedule sends it (null: held, paused, unscheduled, or its day's send time passed). */
  sendsAt: string | null;
  /** Composed ahead for a later day: it goes on that day, never before. */
  upcoming: boolean;
  intro: string;
  items: EditionItem[];
}

export interface Subscriber {
  id: number;
  email: string;
  status: string;
  paused: boolean;
  bounces: number;
  createdAt: string;
  subscriptions: { newsletter: string; status: string; consent: string | null; source: string | null }[];
}

export interface ImportResult {
  added: number;
  alreadySubscribed: number;
  confirmed: number;
  skipped: { line: number; kind: string; reason: string }[];
  report: string[];
}

export const EDITION_STATUS_LABELS: Record<EditionStatus, string> = {
  pending: "Waiting to send",
  held: "Held",
  sending: "Sending",
  retrying: "Waiting to retry",
  sent: "Sent",
  "sent-with-failures": "Sent, with failures",
  failed: "Failed",
};

/** A send under way or waiting can be taken up again now; failed deliveries can be retried. */
export const canResume = (e: Pick<Edition, "status">) => e.status === "sending" || e.status === "retrying";
export const canRetryFailed = (e: Pick<Edition, "deliveries">) => e.deliveries.failed > 0;

/** Only a pending or held edition changes; the server refuses edits once it is sending. */
export const isEditable = (e: Pick<Edition, "status">) => e.status === "pending" || e.status === "held";
