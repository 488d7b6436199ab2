import type { ArticleSummary } from "../../articles/article.js";
import type { Headline } from "../../articles/article.queries.js";
import type { BriefingRef } from "../../briefings/briefing.queries.js";
import type { Section } from "../../sections/section.queries.js";
import type { Video } from "../../videos/video.js";
import { type SiteContext, absoluteUrl } from "../../pages/site-context.js";
import { ArticleCard } from "./ArticleCard.js";
import { HeadlineList } from "./HeadlineList.js";
import { Layout } from "../../pages/views/Layout.js";
import { PageExtras, TodayRail } from "./TodayRail.js";
import { NewsletterSignup } from "./NewsletterSignup.js";

export interface HomePageData {
  site: SiteContext;
  lead: ArticleSummary | undefined;
  top: ArticleSummary[];
  sections: { section: Section; articles: ArticleSummary[] }[];
  mostRead: Headline[];
  todays: Headline[];
  briefing: BriefingRef | undefined;
  player: Video | null;
}

function homeJsonLd(site: SiteContext): object[] {
  return [
    {
      "@context": "https://schema.org",
      "@type": "NewsMediaOrganization",
      name: site.name,
      slogan: site.tagline,
      url: absoluteUrl(site, "/"),
      logo: { "@type": "ImageObject", url: absoluteUrl(site, site.assets.logoPng), width: 512, height: 512 },
    },
    {
      "@context": "https://schema.org",
      "@type": "WebSite",
      name: site.name,
      url: absoluteUrl(site, "/"),
      potentialAction: {
        "@type": "SearchAction",
        target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(site, "/search")}?q={search_term_string}` },
        "query-input": "required name=search_term_string",
      },
    },
  ];
}

export function HomePage(data: HomePageData) {
  const { site } = data;
  const tz = site.timeZone;
  return (
    <Layout
      site={site}
      meta={{
        title: site.name,
        description: `${site.name}: ${site.tagline} News from London, the UK and the world.`,
        path: "/",
        jsonLd: homeJsonLd(site),
      }}
      after={<PageExtras player={data.player} returnTo="/" />}
    >
      <h1 class="visually-hidden">{site.name}: top stories</h1>
      <div class="wrap front">
        <div class="front-main">
          {data.lead && (
            <section aria-labelledby="lead-title" class="lead">
              <h2 id="lead-title" class="visually-hidden">
                Lead story
              </h2>
              <ArticleCard article={data.lead} timeZone={tz} variant="lead" level={3} eager />
            </section>
          )}
          <section aria-labelledby="top-title" class="top-stories">
            <h2 id="top-title" class="rail-title">
              Top stories
            </h2>
            <div class="card-grid">
              {data.top.map((a) => (
                <ArticleCard article={a} timeZone={tz} level={3} />
              ))}
            </div>
          </section>
        </div>
        <TodayRail site={site} todays={data.todays} briefing={data.briefing}>
          <HeadlineList id="most-read" title="Most read" articles={data.mostRead} timeZone={tz} mode="rank" empty="" />
        </TodayRail>
      </div>
      <div class="wrap">
        <NewsletterSignup returnTo="/" idPrefix="home-newsletter" />
        {data.sections
          .filter((s) => s.articles.length > 0)
          .map(({ section, articles }) => (
            <section class="section-block" aria-labelledby={`section-${section.slug}`}>
              <h2 id={`section-${section.slug}`} class="section-title">
                <a href={section.url}>{section.name}</a>
              </h2>
              <div class="card-grid">
                {articles.map((a) => (
                  <ArticleCard article={a} timeZone={tz} level={3} />
                ))}
              </div>
            </section>
          ))}
      </div>
    </Layout>
  );
}
