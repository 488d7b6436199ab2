import { renderToString } from "preact-render-to-string";
import type { RenderContext } from "../articles/document/DocumentBody.js";
import { collectEmbeds } from "../articles/document/document.schema.js";
import type { Db } from "../database.js";
import { findImagesByIds } from "../media/media.queries.js";
import { findVideosByIds } from "../videos/video.queries.js";
import { sseEvent } from "../platform/http/event-stream.js";
import type { LiveEvent } from "./live-hub.js";
import { type LiveEntry, findLiveBlog, isPublic, listChangesSince } from "./live.queries.js";
import { type EntryDisplay, LiveEntryView } from "./views/LiveEntryView.js";
import { KeyEventLink } from "./views/LiveBlogSection.js";
import { entryAnchor } from "./live-pages.js";

// A change to an entry as a reader's page receives it (the stream and the polling JSON): the entry's
// HTML rendered here, exactly as the page renders it, or `html: null` when readers no longer see it.

export interface EntryChange {
  id: number;
  rev: number;
  /** The entry's markup; null when it was deleted (or is not public). */
  html: string | null;
  pinned: boolean;
  keyEvent: boolean;
  title: string;
  /** Position-free order key: when it was posted. */
  postedAt: string;
  /** Its link in the key events block while it is a key event (the page fixes the href if the entry is elsewhere). */
  keyEventHtml: string | null;
}

/** The images and videos a set of entries shows, in one query each. */
export async function loadEntryEmbeds(db: Db, entries: LiveEntry[]): Promise<RenderContext> {
  const mediaIds = new Set<number>();
  const videoIds = new Set<number>();
  for (const e of entries) {
    const found = collectEmbeds(e.body);
    found.mediaIds.forEach((id) => mediaIds.add(id));
    found.videoIds.forEach((id) => videoIds.add(id));
  }
  const [images, videos] = await Promise.all([findImagesByIds(db, [...mediaIds]), findVideosByIds(db, [...videoIds])]);
  return { images, videos };
}

export function toChange(entry: LiveEntry, display: EntryDisplay): EntryChange {
  const visible = isPublic(entry);
  return {
    id: entry.id,
    rev: entry.rev,
    html: visible ? renderToString(<LiveEntryView entry={entry} display={display} />) : null,
    pinned: visible && entry.pinned,
    keyEvent: visible && entry.keyEvent,
    title: visible ? entry.title : "",
    postedAt: entry.postedAt.toISOString(),
    keyEventHtml:
      visible && entry.keyEvent
        ? renderToString(<KeyEventLink entry={entry} href={`#${entryAnchor(entry.id)}`} display={display} />)
        : null,
  };
}

export async function presentChanges(db: Db, timeZone: string, entries: LiveEntry[]): Promise<EntryChange[]> {
  const first = entries[0];
  if (!first) return [];
  const blog = await findLiveBlog(db, first.articleId);
  const body = await loadEntryEmbeds(db, entries.filter(isPublic));
  const display = { timeZone, startedAt: blog?.startedAt ?? first.postedAt, body };
  return entries.map((e) => toChange(e, display));
}

/** The hub's reader: changes after `rev` as SSE events, each with the rev as its id. */
export const liveChangesReader =
  (db: Db, timeZone: string) =>
  async (articleId: number, rev: number): Promise<LiveEvent[]> => {
    const changes = await presentChanges(db, timeZone, await listChangesSince(db, articleId, rev));
    return changes.map((c) => ({ rev: c.rev, text: sseEvent("entry", c, c.rev) }));
  };
