import type { Db } from "../database.js";
import type { PageContext } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { type LivePageWindow, entryAnchor, livePagePath, liveWindow, pageOfPosition } from "./live-pages.js";
import { loadEntryEmbeds } from "./live-present.js";
import { livePollPath, liveStreamPath } from "./live-stream.routes.js";
import {
  type LiveBlog,
  type LiveEntry,
  countPublicEntries,
  findLiveBlog,
  listHighlights,
  listPublicEntries,
} from "./live.queries.js";
import type { EntryDisplay } from "./views/LiveEntryView.js";

// What a live blog's page shows besides the article: the entries of the page asked for, the pinned
// entry and the key events on top (each linking to the page its entry is on), in a fixed number of
// queries whatever the number of entries.

export interface LiveQuery {
  /** An older block (`?page=N`), or the live blog's own address. */
  page?: number | undefined;
  /** `?filter=key-events`: the key events alone. */
  keyEventsOnly?: boolean | undefined;
}

export interface KeyEventLink {
  entry: LiveEntry;
  href: string;
}

export interface LiveBlogData {
  blog: LiveBlog;
  total: number;
  window: LivePageWindow;
  entries: LiveEntry[];
  pinned: LiveEntry | null;
  keyEvents: KeyEventLink[];
  keyEventsOnly: boolean;
  display: EntryDisplay;
  articlePath: string;
  /** What the stream island needs (only on the live blog's own address while it is open). */
  stream: { articleId: number; rev: number; events: string; poll: string } | null;
}

export const findLiveBlogOf = (db: Db, articleId: number) => findLiveBlog(db, articleId);

/** The live blog's page, "main" when that page is the live blog's own address, undefined if none. */
export async function loadLiveBlogPage(
  db: Db,
  page: PageContext,
  blog: LiveBlog,
  articlePath: string,
  query: LiveQuery,
  timeZone: string,
): Promise<LiveBlogData | "main" | undefined> {
  page.tag(pageTags.live(blog.articleId));
  const [total, highlights] = await Promise.all([
    countPublicEntries(db, blog.articleId),
    listHighlights(db, blog.articleId),
  ]);
  const window = liveWindow(total, query.page);
  if (window === undefined || window === "main") return window;
  const keyEvents = highlights
    .filter((h) => h.entry.keyEvent)
    .map((h) => {
      const on = pageOfPosition(total, h.position);
      const here = on === window.page && !query.keyEventsOnly;
      return { entry: h.entry, href: `${here ? "" : livePagePath(articlePath, on)}#${entryAnchor(h.entry.id)}` };
    });
  const pinned = window.page === 0 ? (highlights.find((h) => h.entry.pinned)?.entry ?? null) : null;
  const entries = query.keyEventsOnly
    ? keyEvents.map((k) => k.entry)
    : await listPublicEntries(db, blog.articleId, { offset: window.offset, limit: window.limit });
  const body = await loadEntryEmbeds(db, pinned ? [...entries, pinned] : entries);
  for (const id of body.images.keys()) page.tag(pageTags.media(id));
  const live = blog.status === "open" && window.page === 0 && !query.keyEventsOnly;
  return {
    blog,
    total,
    window,
    entries,
    pinned,
    keyEvents,
    keyEventsOnly: query.keyEventsOnly === true,
    display: { timeZone, startedAt: blog.startedAt, body },
    articlePath,
    stream: live
      ? {
          articleId: blog.articleId,
          rev: blog.rev,
          events: liveStreamPath(blog.articleId),
          poll: livePollPath(blog.articleId),
        }
      : null,
  };
}
