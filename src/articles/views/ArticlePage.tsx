import type { Article, ArticleSummary } from "../article.js";
import type { Headline } from "../article.queries.js";
import type { BriefingRef } from "../../briefings/briefing.queries.js";
import type { Image } from "../../media/image.js";
import { ResponsiveImage } from "../../media/views/ResponsiveImage.js";
import { formatDateTime, toZonedIso } from "../../platform/time.js";
import { type SiteContext, absoluteUrl } from "../../pages/site-context.js";
import { Layout } from "../../pages/views/Layout.js";
import { PageExtras, TodayRail } from "../../site/views/TodayRail.js";
import { HeadlineList } from "../../site/views/HeadlineList.js";
import { NewsletterSignup } from "../../site/views/NewsletterSignup.js";
import { ArticleCard } from "../../site/views/ArticleCard.js";
import type { Video } from "../../videos/video.js";
import { DocumentBody, type RenderContext } from "../document/DocumentBody.js";
import { collectEmbeds } from "../document/document.schema.js";

export interface ArticlePageData {
  site: SiteContext;
  article: Article;
  body: RenderContext;
  related: ArticleSummary[];
  todays: Headline[];
  mostRead: Headline[];
  briefing: BriefingRef | undefined;
  player: Video | null;
  description: string;
  wordCount: number;
  /** Shown through a preview link: not indexed, and says so above the headline. */
  preview?: boolean;
}

/**
 * The images that stand for the article, as Google asks every article to have one: the hero, else
 * the pictures in its body, else its own video's poster, else the publisher's logo.
 */
function articleImages(data: ArticlePageData, logo: string): string[] {
  const { article } = data;
  if (article.hero) return [article.hero.src];
  const inBody = collectEmbeds(article.body).mediaIds.flatMap((id) => {
    const image = data.body.images.get(id);
    return image ? [image.src] : [];
  });
  if (inBody.length > 0) return inBody;
  const poster = article.videoId !== null && data.player?.id === article.videoId ? data.player.poster : null;
  return [poster ? poster.src : logo];
}

export function newsArticleJsonLd(data: ArticlePageData, logo: string): object {
  const { site, article } = data;
  const url = absoluteUrl(site, article.url);
  const publisher = {
    "@type": "NewsMediaOrganization",
    name: site.name,
    url: absoluteUrl(site, "/"),
    logo: { "@type": "ImageObject", url: absoluteUrl(site, logo) },
  };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.headline.slice(0, 110),
    description: data.description,
    image: articleImages(data, logo).map((src) => absoluteUrl(site, src)),
    datePublished: toZonedIso(article.publishedAt, site.timeZone),
    dateModified: toZonedIso(article.updatedAt, site.timeZone),
    // A story without a byline is the newsroom's own.
    author:
      article.authors.length > 0
        ? article.authors.map((a) => ({ "@type": "Person", name: a.name, url: absoluteUrl(site, a.url) }))
        : [{ "@type": "NewsMediaOrganization", name: site.name, url: absoluteUrl(site, "/") }],
    publisher,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    articleSection: article.section.name,
    keywords: article.tags.map((t) => t.name).join(", "),
    wordCount: data.wordCount,
    inLanguage: "en-GB",
  };
}

function Hero({ image, caption, credit }: { image: Image; caption: string; credit: string }) {
  return (
    <figure class="hero">
      <ResponsiveImage image={image} sizes="(min-width: 64em) 46rem, 100vw" eager />
      {(caption || credit) && (
        <figcaption>
          {caption} {credit && <span class="credit">{credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}

export function ArticlePage(data: ArticlePageData) {
  const { site, article } = data;
  const tz = site.timeZone;
  const updated = article.updatedAt.getTime() - article.publishedAt.getTime() > 60_000;
  return (
    <Layout
      site={site}
      meta={{
        title: article.headline,
        description: data.description,
        path: article.url,
        ogType: "article",
        noindex: data.preview === true,
        // Social cards get the editor's focal 1200×630 crop when the image is large enough to have made one.
        image: article.hero
          ? article.hero.social && article.hero.width >= 1200 && article.hero.height >= 630
            ? { src: article.hero.social, width: 1200, height: 630, alt: article.hero.alt }
            : { src: article.hero.src, width: article.hero.width, height: article.hero.height, alt: article.hero.alt }
          : null,
        jsonLd: [newsArticleJsonLd(data, site.assets.logoPng)],
        extraMeta: [
          ["article:published_time", toZonedIso(article.publishedAt, tz)],
          ["article:modified_time", toZonedIso(article.updatedAt, tz)],
          ["article:section", article.section.name],
          ...article.tags.map((t): [string, string] => ["article:tag", t.name]),
        ],
      }}
      after={<PageExtras player={data.player} returnTo={article.url} />}
    >
      <div class="wrap article-layout">
        <article class="article" aria-labelledby="article-headline" data-article-id={article.id}>
          {data.preview && (
            <p class="preview-banner" role="status">
              Preview: this article is not published. The link stops working when it is published or expires.
            </p>
          )}
          <header class="article-header">
            <p class="kicker">
              <a href={`/${article.section.slug}`}>{article.section.name}</a>
              {article.kicker && <span> · {article.kicker}</span>}
            </p>
            <h1 id="article-headline">{article.headline}</h1>
            {article.standfirst && <p class="standfirst">{article.standfirst}</p>}
            <div class="byline">
              {article.authors.length > 0 && (
                <p class="byline-names">
                  By{" "}
                  {article.authors.map((a, i) => (
                    <>
                      {i > 0 && (i === article.authors.length - 1 ? " and " : ", ")}
                      <a href={a.url} rel="author">
                        {a.name}
                      </a>
                    </>
                  ))}
                </p>
              )}
              <p class="dateline">
                Published{" "}
                <time dateTime={toZonedIso(article.publishedAt, tz)}>{formatDateTime(article.publishedAt, tz)}</time>
                {updated && (
                  <>
                    {" "}
                    · Updated{" "}
                    <time dateTime={toZonedIso(article.updatedAt, tz)}>{formatDateTime(article.updatedAt, tz)}</time>
                  </>
                )}
              </p>
            </div>
          </header>
          {article.hero && <Hero image={article.hero} caption={article.heroCaption} credit={article.heroCredit} />}
          {article.notes.length > 0 && (
            <aside class="notes" aria-label="Corrections and updates">
              {article.notes.map((n) => (
                <p class={`note note-${n.kind}`}>
                  <strong>{n.kind === "correction" ? "Correction" : "Update"}</strong>{" "}
                  <time dateTime={toZonedIso(n.createdAt, tz)}>{formatDateTime(n.createdAt, tz)}</time>: {n.text}
                </p>
              ))}
            </aside>
          )}
          <div class="article-body">
            <DocumentBody doc={article.body} ctx={data.body} />
          </div>
          {article.tags.length > 0 && (
            <nav class="tags" aria-label="Topics">
              <h2 class="visually-hidden">Topics</h2>
              <ul>
                {article.tags.map((t) => (
                  <li>
                    <a href={t.url}>{t.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <NewsletterSignup returnTo={article.url} idPrefix="article-newsletter" />
          {data.related.length > 0 && (
            <section class="related" aria-labelledby="related-title">
              <h2 id="related-title" class="rail-title">
                Related Articles
              </h2>
              <div class="card-grid">
                {data.related.map((r) => (
                  <ArticleCard article={r} timeZone={tz} level={3} />
                ))}
              </div>
            </section>
          )}
        </article>
        <TodayRail site={site} todays={data.todays} briefing={data.briefing}>
          <HeadlineList id="most-read" title="Most read" articles={data.mostRead} timeZone={tz} mode="rank" empty="" />
        </TodayRail>
      </div>
    </Layout>
  );
}
