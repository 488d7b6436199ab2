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
}

export function HeadlineList({ id, title, articles, timeZone, empty, mode }: Props) {
  const List = mode === "rank" ? "ol" : "ul";
  return (
    <section class={`headline-list headline-list-${mode}`} aria-labelledby={id}>
      <h2 id={id} class="rail-title">
        {title}
      </h2>
      {articles.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <List>
          {articles.map((a) => (
            <li>
              {mode === "time" && (
                <time dateTime={toZonedIso(a.publishedAt, timeZone)}>{formatTime(a.publishedAt, timeZone)}</time>
              )}
              <a href={a.url}>{a.headline}</a>
            </li>
          ))}
        </List>
      )}
    </section>
  );
}
