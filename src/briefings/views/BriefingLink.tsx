import { formatEditionDate, zonedIsoDate } from "../../platform/time.js";
import type { SiteContext } from "../../pages/site-context.js";
import { type BriefingRef, briefingTitle } from "../briefing.queries.js";

export function BriefingLink({ site, briefing }: { site: SiteContext; briefing: BriefingRef }) {
  // Before today's edition is out (or on a day without one) the link is to an earlier briefing,
  // which the rail must not call today's.
  const today = briefing.editionDate === zonedIsoDate(site.now, site.timeZone);
  return (
    <section class="briefing-link" aria-labelledby="briefing-link-title">
      <h2 id="briefing-link-title" class="rail-title">
        Morning Headlines
      </h2>
      <p>
        <a href={briefing.url}>{briefingTitle(site.name, briefing.editionDate, site.timeZone)}</a>
      </p>
      <p class="fine-print">
        {today ? "Today's briefing" : "The latest briefing"}: {formatEditionDate(briefing.publishedAt, site.timeZone)}
      </p>
    </section>
  );
}
