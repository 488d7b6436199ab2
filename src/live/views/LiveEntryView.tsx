import { DocumentBody, type RenderContext } from "../../articles/document/DocumentBody.js";
import { formatShortDate, formatTime, toZonedIso, zonedIsoDate } from "../../platform/time.js";
import { entryAnchor } from "../live-pages.js";
import type { LiveEntry } from "../live.queries.js";

export interface EntryDisplay {
  timeZone: string;
  /** When the live blog began: an entry of another day shows its date too. */
  startedAt: Date;
  body: RenderContext;
}

/** "14:05", or "3 Dec 2026, 14:05" on a live blog's later days: the newsroom's time. */
export function entryTime(at: Date, display: Pick<EntryDisplay, "timeZone" | "startedAt">): string {
  const tz = display.timeZone;
  const time = formatTime(at, tz);
  return zonedIsoDate(at, tz) === zonedIsoDate(display.startedAt, tz) ? time : `${formatShortDate(at, tz)}, ${time}`;
}

/**
 * One entry as readers see it, on the page and in the stream (the same markup, so an entry that
 * arrives live looks like one served with the page). `anchored` gives it its permanent anchor; the
 * pinned copy at the top has none (an id appears once per page).
 */
export function LiveEntryView({
  entry,
  display,
  anchored = true,
}: {
  entry: LiveEntry;
  display: EntryDisplay;
  anchored?: boolean;
}) {
  const anchor = entryAnchor(entry.id);
  const tz = display.timeZone;
  return (
    <article
      class={`live-entry${entry.keyEvent ? " live-entry-key" : ""}${entry.pinned ? " live-entry-pinned" : ""}`}
      id={anchored ? anchor : undefined}
      data-entry={entry.id}
      aria-label={entry.title || `Update at ${entryTime(entry.postedAt, display)}`}
    >
      <p class="live-entry-meta">
        <a href={`#${anchor}`} class="live-entry-time">
          <time dateTime={toZonedIso(entry.postedAt, tz)}>{entryTime(entry.postedAt, display)}</time>
        </a>
        {entry.pinned && <span class="live-tag live-tag-pinned">Pinned</span>}
        {entry.keyEvent && <span class="live-tag">Key event</span>}
      </p>
      {entry.title && <h3 class="live-entry-title">{entry.title}</h3>}
      <div class="live-entry-body">
        <DocumentBody doc={entry.body} ctx={display.body} />
      </div>
      {(entry.authorName || entry.editedAt) && (
        <p class="live-entry-byline">
          {entry.authorName && <span>{entry.authorName}</span>}
          {entry.authorName && entry.editedAt && " · "}
          {entry.editedAt && (
            <span>
              Updated <time dateTime={toZonedIso(entry.editedAt, tz)}>{entryTime(entry.editedAt, display)}</time>
            </span>
          )}
        </p>
      )}
    </article>
  );
}
