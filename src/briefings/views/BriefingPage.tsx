import { Layout } from "../../pages/views/Layout.js";
import { NewsletterSignup } from "../../site/views/NewsletterSignup.js";
import type { SiteContext } from "../../pages/site-context.js";
import { type Briefing, type BriefingRef, briefingTitle } from "../briefing.queries.js";
import { Pagination } from "../../pages/views/Pagination.js";

/**
 * An edition as a page: the Morning Headlines (the default) or, with `newsletter`, an edition of a
 * newsletter an admin added (its emails' "view in browser").
 */
export function BriefingPage({
  site,
  briefing,
  newsletter,
}: {
  site: SiteContext;
  briefing: Briefing;
  newsletter?: { name: string; title: string };
}) {
  const title = newsletter?.title ?? briefingTitle(site.name, briefing.editionDate, site.timeZone);
  return (
    <Layout
      site={site}
      meta={{
        title,
        description:
          briefing.intro ||
          (newsletter
            ? `${newsletter.name}, a newsletter from ${site.name}.`
            : `The top stories from ${site.name}, one line each.`),
        path: briefing.url,
      }}
    >
      <div class="wrap briefing">
        <header class="listing-header">
          <p class="kicker">
            {newsletter ? (
              <a href="/newsletters">{newsletter.name}</a>
            ) : (
              <a href="/morning-headlines">Morning Headlines</a>
            )}
          </p>
          <h1>{title}</h1>
          {briefing.intro && <p class="standfirst">{briefing.intro}</p>}
        </header>
        <ol class="briefing-items">
          {briefing.items.map((item) => (
            <li>
              <p class="kicker">{item.section}</p>
              <h2>
                <a href={item.url}>{item.headline}</a>
              </h2>
              {item.line && <p>{item.line}</p>}
            </li>
          ))}
        </ol>
        <NewsletterSignup returnTo={briefing.url} idPrefix="briefing-newsletter" />
      </div>
    </Layout>
  );
}

export function BriefingArchivePage(props: {
  site: SiteContext;
  briefings: BriefingRef[];
  page: number;
  totalPages: number;
}) {
  const { site } = props;
  return (
    <Layout
      site={site}
      meta={{
        title: "Morning Headlines",
        description: `Every edition of ${site.name} Morning Headlines, the daily briefing.`,
        path: props.page > 1 ? `/morning-headlines?page=${props.page}` : "/morning-headlines",
      }}
    >
      <div class="wrap listing">
        <header class="listing-header">
          <p class="kicker">Daily briefing</p>
          <h1>Morning Headlines</h1>
          <p class="listing-description">The day's top stories, one line each, published every morning at 6am.</p>
        </header>
        {props.briefings.length === 0 ? (
          <p class="empty">No editions yet.</p>
        ) : (
          <ul class="archive-list">
            {props.briefings.map((b) => (
              <li>
                <a href={b.url}>{briefingTitle(site.name, b.editionDate, site.timeZone)}</a>
              </li>
            ))}
          </ul>
        )}
        <Pagination basePath="/morning-headlines" page={props.page} totalPages={props.totalPages} />
      </div>
    </Layout>
  );
}
