import type { Article, ArticleSummary } from "../article.js";
import type { Headline } from "../article.queries.js";
import type { BriefingRef } from "../../briefings/briefing.queries.js";
import type { Image } from "../../media/image.js";
import { ResponsiveImage } from "../../media/views/ResponsiveImage.js";
import { formatDateTime, toZonedIso } from "../../platform/time.js";
import { type SiteContext, absoluteUrl } from "../../pages/site-context.js";
import { Layout, type PageMeta } from "../../pages/views/Layout.js";
import { PageExtras, TodayRail } from "../../site/views/TodayRail.js";
import { HeadlineList } from "../../site/views/HeadlineList.js";
import { NewsletterSignup } from "../../site/views/NewsletterSignup.js";
import { ArticleCard } from "../../site/views/ArticleCard.js";
import type { Video } from "../../videos/video.js";
import { PlayerIsland } from "../../videos/views/PlayerIsland.js";
import { ShareLinks } from "./ShareLinks.js";
import { Island } from "../../platform/render/island.js";
import { PushOptIn } from "../../push/views/PushOptIn.island.js";
import { DocumentBody, type RenderContext } from "../document/DocumentBody.js";
import { collectEmbeds } from "../document/document.schema.js";
import type { LiveBlogData } from "../../live/live.page.js";
import { liveBlogPostingJsonLd } from "../../live/live-jsonld.js";
import { livePagePath } from "../../live/live-pages.js";
import { LiveBadge, LiveBlogSection } from "../../live/views/LiveBlogSection.js";

export interface ArticlePageData {
  site: SiteContext;
  article: Article;
  body: RenderContext;
  related: ArticleSummary[];
  todays: Headline[];
  mostRead: Headline[];
  briefing: BriefingRef | undefined;
  /** The article's own video (shown at its head unless the body plays it). */
  video: Video | null;
  videoInBody: boolean;
  description: string;
  wordCount: number;
  /** Shown through a preview link: not indexed, and says so above the headline. */
  preview?: boolean;
  /** The article is a live blog: its entries under the body (live/live.page.ts). */
  live?: LiveBlogData;
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
  const poster = article.videoId !== null && data.video?.id === article.videoId ? data.video.poster : null;
  return [poster ? poster.src : logo];
}

/**
 * The social card's picture: the editor's focal 1200×630 crop of the hero when the image is large
 * enough to have made one, else the hero, else the first picture in the body, else the poster of
 * the story's own video (then the card is the large-image kind too).
 */
function socialImage(data: ArticlePageData): PageMeta["image"] {
  const { article } = data;
  const hero = article.hero;
  if (hero?.social && hero.width >= 1200 && hero.height >= 630)
    return { src: hero.social, width: 1200, height: 630, alt: hero.alt };
  const firstInBody = collectEmbeds(article.body)
    .mediaIds.map((id) => data.body.images.get(id))
    .find((i) => i !== undefined);
  const poster = article.videoId !== null && data.video?.id === article.videoId ? data.video.poster : null;
  const image = hero ?? firstInBody ?? poster;
  return image ? { src: image.src, width: image.width, height: image.height, alt: image.alt } : null;
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
  const { site, article, live } = data;
  const jsonLd = newsArticleJsonLd(data, site.assets.logoPng) as Record<string, unknown>;
  const olderPage = live && live.window.page > 0 ? live.window.page : 0;
  const tz = site.timeZone;
  const updated = article.updatedAt.getTime() - article.publishedAt.getTime() > 60_000;
  return (
    <Layout
      site={site}
      meta={{
        title: olderPage
          ? `${article.headline}: older updates, page ${olderPage}`
          : live?.keyEventsOnly
            ? `${article.headline}: key events`
            : article.headline,
        description: data.description,
        // Each older page of a live blog is a page of its own; "key events only" is a view of the first.
        path: live ? livePagePath(article.url, olderPage) : article.url,
        ogType: "article",
        noindex: data.preview === true,
        // Social cards get the editor's focal 1200×630 crop when the image is large enough to have made one.
        image: socialImage(data),
        jsonLd: [live ? liveBlogPostingJsonLd(jsonLd, live, site) : jsonLd],
        extraMeta: [
          ["article:published_time", toZonedIso(article.publishedAt, tz)],
          ["article:modified_time", toZonedIso(article.updatedAt, tz)],
          ["article:section", article.section.name],
          ...article.tags.map((t): [string, string] => ["article:tag", t.name]),
        ],
      }}
      after={<PageExtras returnTo={article.url} />}
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
              {live?.blog.status === "open" && (
                <>
                  {" "}
                  <LiveBadge />
                </>
              )}
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
          {data.video && !data.videoInBody && (
            <div class="article-video">
              <PlayerIsland video={data.video} {...(article.hero ? { hydrate: "visible" as const } : {})} />
            </div>
          )}
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
          {live && <LiveBlogSection live={live} />}
          <ShareLinks url={absoluteUrl(site, article.url)} headline={article.headline} />
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
          <Island name="PushOptIn" component={PushOptIn} props={{ keyUrl: "/push/key" }} hydrate="visible" />
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
