import type { ComponentChildren } from "preact";
import type { Headline } from "../../articles/article.queries.js";
import type { BriefingRef } from "../../briefings/briefing.queries.js";
import { BriefingLink } from "../../briefings/views/BriefingLink.js";
import { NewsletterPrompt } from "../../newsletters/views/NewsletterPrompt.island.js";
import { Island } from "../../platform/render/island.js";
import { startOfZonedDay } from "../../platform/time.js";
import type { SiteContext } from "../../pages/site-context.js";
import { HeadlineList } from "./HeadlineList.js";

/**
 * Before today's first story the list holds the last 24 hours (see listTodaysHeadlines): then the
 * start of today, before which times are marked as yesterday's.
 */
export function yesterdayBefore(site: SiteContext, todays: Headline[]): Date | undefined {
  const midnight = startOfZonedDay(site.now, site.timeZone);
  return todays.length > 0 && todays.every((a) => a.publishedAt < midnight) ? midnight : undefined;
}

/** The rail beside the front and every article: the latest briefing, then Today's headlines. */
export function TodayRail(props: {
  site: SiteContext;
  todays: Headline[];
  briefing: BriefingRef | undefined;
  children?: ComponentChildren;
}) {
  const midnight = yesterdayBefore(props.site, props.todays);
  return (
    <div class="rail">
      {props.briefing && <BriefingLink site={props.site} briefing={props.briefing} />}
      <HeadlineList
        id="todays-headlines"
        title="Today's headlines"
        articles={props.todays}
        timeZone={props.site.timeZone}
        mode="time"
        {...(midnight ? { note: "Nothing published yet today. The latest:", earlierThan: midnight } : {})}
        empty="Nothing published in the last 24 hours."
      />
      {props.children}
    </div>
  );
}

/** What floats over a page: the newsletter prompt (players stay in the page where their video is). */
export function PageExtras({ returnTo }: { returnTo: string }) {
  return <Island name="NewsletterPrompt" component={NewsletterPrompt} props={{ returnTo }} />;
}
