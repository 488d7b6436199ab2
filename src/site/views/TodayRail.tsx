import type { ComponentChildren } from "preact";
import type { Headline } from "../../articles/article.queries.js";
import type { BriefingRef } from "../../briefings/briefing.queries.js";
import { BriefingLink } from "../../briefings/views/BriefingLink.js";
import { NewsletterPrompt } from "../../newsletters/views/NewsletterPrompt.island.js";
import { Island } from "../../platform/render/island.js";
import type { Video } from "../../videos/video.js";
import { PlayerIsland } from "../../videos/views/PlayerIsland.js";
import { startOfZonedDay } from "../../platform/time.js";
import type { SiteContext } from "../../pages/site-context.js";
import { HeadlineList } from "./HeadlineList.js";

/** The rail beside the front and every article: the latest briefing, then Today's headlines. */
export function TodayRail(props: {
  site: SiteContext;
  todays: Headline[];
  briefing: BriefingRef | undefined;
  children?: ComponentChildren;
}) {
  const midnight = startOfZonedDay(props.site.now, props.site.timeZone);
  // Before today's first story the list holds the last 24 hours (see listTodaysHeadlines).
  const fromYesterday = props.todays.length > 0 && props.todays.every((a) => a.publishedAt < midnight);
  return (
    <div class="rail">
      {props.briefing && <BriefingLink site={props.site} briefing={props.briefing} />}
      <HeadlineList
        id="todays-headlines"
        title="Today's headlines"
        articles={props.todays}
        timeZone={props.site.timeZone}
        mode="time"
        {...(fromYesterday ? { note: "Nothing published yet today. The latest:", earlierThan: midnight } : {})}
        empty="Nothing published in the last 24 hours."
      />
      {props.children}
    </div>
  );
}

/** What floats over a page: the video player (when there is a video) and the newsletter prompt. */
export function PageExtras({ player, returnTo }: { player: Video | null; returnTo: string }) {
  return (
    <>
      {player && <PlayerIsland video={player} />}
      <Island name="NewsletterPrompt" component={NewsletterPrompt} props={{ returnTo }} />
    </>
  );
}
