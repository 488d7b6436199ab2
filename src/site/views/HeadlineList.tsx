import type { Headline } from "../../articles/article.queries.js";
import { formatTime, toZonedIso } from "../../platform/time.js";

interface Props {
  id: string;
  title: string;
  articles: Headline[];
  timeZone: string;
  empty: string;
  /** Show the time of day (Today's headlines) or a rank (Most read). */
  mode: "time" | "rank";
  /** A line above the list (for example, that it is not today's yet). */
  note?: string;
  /** Times before this instant are marked as yesterday's. */
  earlierThan?: Date;
}

export function HeadlineList({ id, title, articles, timeZone, empty, mode, note, earlierThan }: Props) {
  const List = mode === "rank" ? "ol" : "ul";
  return (
    <section class={`headline-list headline-list-${mode}`} aria-labelledby={id}>
      <h2 id={id} class="rail-title">
        {title}
      </h2>
      {note && articles.length > 0 && <p class="headline-list-note">{note}</p>}
      {articles.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <List>
          {articles.map((a) => (
            <li>
              {mode === "time" && (
                <time dateTime={toZonedIso(a.publishedAt, timeZone)}>
                  {earlierThan && a.publishedAt < earlierThan && <span class="headline-list-day">Yesterday </span>}
                  {formatTime(a.publishedAt, timeZone)}
                </time>
              )}
              <a href={a.url}>{a.headline}</a>
            </li>
          ))}
        </List>
      )}
    </section>
  );
}
