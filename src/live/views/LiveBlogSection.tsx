import { Island } from "../../platform/render/island.js";
import { toZonedIso } from "../../platform/time.js";
import { livePagePath } from "../live-pages.js";
import type { LiveBlogData } from "../live.page.js";
import { LiveEntryView, entryTime } from "./LiveEntryView.js";
import { LiveUpdates } from "./LiveUpdates.island.js";
import { KEY_EVENTS_ID, LIST_ID, PINNED_ID } from "./live-dom.js";
import type { EntryDisplay } from "./LiveEntryView.js";
import type { LiveEntry } from "../live.queries.js";

/** One key event's link (the page renders it; the stream sends it when an entry becomes one). */
export function KeyEventLink({ entry, href, display }: { entry: LiveEntry; href: string; display: EntryDisplay }) {
  return (
    <a href={href}>
      <time dateTime={toZonedIso(entry.postedAt, display.timeZone)}>{entryTime(entry.postedAt, display)}</time>{" "}
      {entry.title || "Key event"}
    </a>
  );
}

/** The "Live" badge beside the kicker while the live blog is open. */
export function LiveBadge() {
  return <span class="live-badge">Live</span>;
}

function PageLinks({ live }: { live: LiveBlogData }) {
  const { window, articlePath } = live;
  if (live.keyEventsOnly || (window.older === null && window.newer === null)) return null;
  return (
    <nav class="live-pages" aria-label="Older and newer updates">
      {window.newer !== null && (
        <a href={livePagePath(articlePath, window.newer)} rel="prev">
          Newer updates
        </a>
      )}
      {window.older !== null && (
        <a href={livePagePath(articlePath, window.older)} rel="next">
          Older updates
        </a>
      )}
    </nav>
  );
}

/**
 * A live blog under its article: the key events (with the "Key events only" filter), the pinned
 * entry, the stream island and the entries of this page, newest first, then the links to older
 * and newer pages. Complete without JavaScript.
 */
export function LiveBlogSection({ live }: { live: LiveBlogData }) {
  const { display, articlePath } = live;
  const ended = live.blog.status === "closed" && live.blog.endedAt;
  return (
    <section class="live-blog" aria-labelledby="live-title">
      <h2 id="live-title" class="visually-hidden">
        Live updates
      </h2>
      {ended && (
        <p class="live-ended">
          This live blog ended at{" "}
          <time dateTime={toZonedIso(live.blog.endedAt!, display.timeZone)}>
            {entryTime(live.blog.endedAt!, display)}
          </time>
          .
        </p>
      )}
      {/* On the live page the block is there even when empty (hidden): the stream fills it. */}
      {(live.keyEvents.length > 0 || live.stream) && (
        <nav
          id={KEY_EVENTS_ID}
          class="key-events"
          aria-labelledby="key-events-title"
          hidden={live.keyEvents.length === 0}
        >
          <h2 id="key-events-title" class="rail-title">
            Key events
          </h2>
          <ol>
            {live.keyEvents.map((k) => (
              <li data-key-event={k.entry.id} data-posted={k.entry.postedAt.toISOString()}>
                <KeyEventLink entry={k.entry} href={k.href} display={display} />
              </li>
            ))}
          </ol>
          <p class="key-events-filter">
            {live.keyEventsOnly ? (
              <a href={articlePath}>Show all updates</a>
            ) : (
              <a href={`${articlePath}?filter=key-events`}>Key events only</a>
            )}
          </p>
        </nav>
      )}
      {live.window.page === 0 && !live.keyEventsOnly && (
        <div id={PINNED_ID} class="live-pinned">
          {live.pinned && <LiveEntryView entry={live.pinned} display={display} anchored={false} />}
        </div>
      )}
      {live.stream && <Island name="LiveUpdates" component={LiveUpdates} props={live.stream} />}
      {live.window.page > 0 && (
        <p class="live-page-note">
          Older updates, page {live.window.page}. <a href={articlePath}>See the latest</a>
        </p>
      )}
      {live.entries.length === 0 ? <p class="empty">No updates yet.</p> : null}
      <ol id={LIST_ID} class="live-entries">
        {live.entries.map((e) => (
          <li class="live-item">
            <LiveEntryView entry={e} display={display} />
          </li>
        ))}
      </ol>
      <PageLinks live={live} />
    </section>
  );
}
