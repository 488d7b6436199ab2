import type { ArticleSummary } from "../../articles/article.js";
import type { Headline } from "../../articles/article.queries.js";
import type { BriefingRef } from "../../briefings/briefing.queries.js";
import type { Section } from "../../sections/section.queries.js";
import type { Video } from "../../videos/video.js";
import { PlayerIsland } from "../../videos/views/PlayerIsland.js";
import { type SiteContext, absoluteUrl } from "../../pages/site-context.js";
import { ArticleCard } from "./ArticleCard.js";
import { MoreHeadlines, SectionBlock } from "./FrontSections.js";
import { HeadlineList } from "./HeadlineList.js";
import { Layout } from "../../pages/views/Layout.js";
import { PageExtras, TodayRail, yesterdayBefore } from "./TodayRail.js";
import { NewsletterSignup } from "./NewsletterSignup.js";

export interface HomePageData {
  site: SiteContext;
  lead: ArticleSummary | undefined;
  top: ArticleSummary[];
  sections: { section: Section; articles: ArticleSummary[] }[];
  mostRead: Headline[];
  /** Today's headlines that fit the rail beside the lead, and the rest, shown lower down. */
  todays: Headline[];
  moreTodays: Headline[];
  briefing: BriefingRef | undefined;
  /** The featured video, played in its own block. */
  video: Video | null;
}

// The second tier: three stories with pictures under the lead, then three in words.
const WITH_PICTURES = 3;

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

function Watch({ video }: { video: Video }) {
  return (
    <section class="front-video" aria-labelledby="front-video-title">
      <h2 id="front-video-title" class="rail-title">
        <a href="/video">Watch</a>
      </h2>
      <PlayerIsland video={video} hydrate="visible" />
      {video.description && <p class="front-video-text">{video.description}</p>}
      <p class="front-video-more">
        <a href={video.url ?? `/video/${video.slug}`}>The video's page, with its transcript</a>
      </p>
    </section>
  );
}

export function HomePage(data: HomePageData) {
  const { site } = data;
  const tz = site.timeZone;
  const secondTier = data.top.slice(0, WITH_PICTURES);
  const thirdTier = data.top.slice(WITH_PICTURES);
  return (
    <Layout
      site={site}
      meta={{
        title: site.name,
        description: `${site.name}: ${site.tagline} News from London, the UK and the world.`,
        path: "/",
        jsonLd: homeJsonLd(site),
      }}
      after={<PageExtras returnTo="/" />}
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
          {data.top.length > 0 && (
            <section aria-labelledby="top-title" class="top-stories">
              <h2 id="top-title" class="rail-title">
                Top stories
              </h2>
              <div class="tier">
                {secondTier.map((a) => (
                  <ArticleCard
                    article={a}
                    timeZone={tz}
                    level={3}
                    sizes="(min-width: 64em) 16rem, (min-width: 40em) 30vw, 100vw"
                  />
                ))}
              </div>
              {thirdTier.length > 0 && (
                <div class="tier tier-words">
                  {thirdTier.map((a) => (
                    <ArticleCard article={a} timeZone={tz} level={3} showImage={false} />
                  ))}
                </div>
              )}
            </section>
          )}
        </div>
        <TodayRail site={site} todays={data.todays} briefing={data.briefing} />
      </div>
      <div class={`wrap front-band${data.video ? "" : " front-band-no-video"}`}>
        {data.video && <Watch video={data.video} />}
        <div class="front-band-side">
          <HeadlineList id="most-read" title="Most read" articles={data.mostRead} timeZone={tz} mode="rank" empty="" />
          <NewsletterSignup returnTo="/" idPrefix="home-newsletter" />
        </div>
      </div>
      <div class="wrap">
        {data.sections.map(({ section, articles }) => (
          <SectionBlock section={section} articles={articles} timeZone={tz} />
        ))}
        <MoreHeadlines articles={data.moreTodays} timeZone={tz} earlierThan={yesterdayBefore(site, data.moreTodays)} />
      </div>
    </Layout>
  );
}
