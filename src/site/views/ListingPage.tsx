import type { ComponentChildren } from "preact";
import type { ArticleSummary } from "../../articles/article.js";
import type { SiteContext } from "../../pages/site-context.js";
import { ArticleCard } from "./ArticleCard.js";
import { Layout } from "../../pages/views/Layout.js";
import { Pagination } from "../../pages/views/Pagination.js";

export interface ListingPageData {
  site: SiteContext;
  /** "Section", "Topic" or "Author": read by screen readers before the title. */
  kind: string;
  title: string;
  description: string;
  basePath: string;
  page: number;
  totalPages: number;
  articles: ArticleSummary[];
  intro?: ComponentChildren;
  jsonLd?: object[];
  /** The base of this listing's feeds, e.g. "/feeds/section/uk". */
  feedBase?: string;
  /** A section's first page opens as a front: its lead with a picture, then a tier of three. */
  front?: boolean;
}

const FRONT_STORIES = 4;

function SectionFront({ articles, timeZone }: { articles: ArticleSummary[]; timeZone: string }) {
  const [lead, ...tier] = articles;
  return (
    <div class="section-front">
      {lead && <ArticleCard article={lead} timeZone={timeZone} variant="lead" level={2} eager />}
      <div class="tier">
        {tier.map((a) => (
          <ArticleCard
            article={a}
            timeZone={timeZone}
            level={2}
            sizes="(min-width: 64em) 24rem, (min-width: 40em) 30vw, 100vw"
          />
        ))}
      </div>
    </div>
  );
}

export function ListingPage(data: ListingPageData) {
  const { site } = data;
  const title = data.page > 1 ? `${data.title} (page ${data.page})` : data.title;
  const front = data.front === true && data.page === 1 && data.articles.length >= FRONT_STORIES;
  const listed = front ? data.articles.slice(FRONT_STORIES) : data.articles;
  return (
    <Layout
      site={site}
      meta={{
        title,
        description: data.description,
        path: data.page > 1 ? `${data.basePath}?page=${data.page}` : data.basePath,
        jsonLd: data.jsonLd ?? [],
        ...(data.feedBase ? { feed: { title: `${site.name}: ${data.title}`, base: data.feedBase } } : {}),
      }}
    >
      <div class="wrap listing">
        <header class="listing-header">
          <p class="kicker">{data.kind}</p>
          <h1>{title}</h1>
          {data.intro ?? <p class="listing-description">{data.description}</p>}
        </header>
        {data.articles.length === 0 && <p class="empty">No stories here yet.</p>}
        {front && <SectionFront articles={data.articles.slice(0, FRONT_STORIES)} timeZone={site.timeZone} />}
        {front && listed.length > 0 && <h2 class="rail-title listing-more">More from {data.title}</h2>}
        {listed.length > 0 && (
          <div class="card-grid card-grid-wide">
            {listed.map((a, i) => (
              <ArticleCard
                article={a}
                timeZone={site.timeZone}
                level={front ? 3 : 2}
                eager={i < 2 && data.page === 1}
              />
            ))}
          </div>
        )}
        <Pagination basePath={data.basePath} page={data.page} totalPages={data.totalPages} />
      </div>
    </Layout>
  );
}
