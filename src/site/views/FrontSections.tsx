import type { ArticleSummary } from "../../articles/article.js";
import type { Headline } from "../../articles/article.queries.js";
import type { Section } from "../../sections/section.queries.js";
import { ArticleCard } from "./ArticleCard.js";
import { HeadlineList } from "./HeadlineList.js";

// The lower half of the front: one block per section, then the rest of today's headlines.

/**
 * A section block: its lead with a picture across two columns and two rows, the next four as text
 * beside it (2 + 2 × 2 on a wide screen, the lead above two columns on a tablet, one column on a
 * phone), so a full block fills its grid.
 */
export function SectionBlock({
  section,
  articles,
  timeZone,
}: {
  section: Section;
  articles: ArticleSummary[];
  timeZone: string;
}) {
  const [lead, ...rest] = articles;
  if (!lead) return null;
  return (
    <section
      class={`section-block${rest.length >= 4 ? " section-block-full" : ""}`}
      aria-labelledby={`section-${section.slug}`}
    >
      <h2 id={`section-${section.slug}`} class="section-title">
        <a href={section.url}>{section.name}</a>
      </h2>
      <div class="section-grid">
        <ArticleCard article={lead} timeZone={timeZone} level={3} sizes="(min-width: 64em) 36rem, 100vw" />
        {rest.map((a) => (
          <ArticleCard article={a} timeZone={timeZone} level={3} showImage={false} />
        ))}
      </div>
    </section>
  );
}

/** Today's headlines beyond what the rail beside the lead holds, in as many columns as fit. */
export function MoreHeadlines({
  articles,
  timeZone,
  earlierThan,
}: {
  articles: Headline[];
  timeZone: string;
  earlierThan?: Date | undefined;
}) {
  if (articles.length === 0) return null;
  return (
    <div class="more-headlines">
      <HeadlineList
        id="more-todays-headlines"
        title="More of today's headlines"
        articles={articles}
        timeZone={timeZone}
        mode="time"
        empty=""
        {...(earlierThan ? { earlierThan } : {})}
      />
    </div>
  );
}
