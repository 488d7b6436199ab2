import { formatEditionDate } from "../../platform/time.js";
import type { SiteContext } from "../../pages/site-context.js";
import { type BriefingRef, briefingTitle } from "../briefing.queries.js";

export function BriefingLink({ site, briefing }: { site: SiteContext; briefing: BriefingRef }) {
  return (
    <section class="briefing-link" aria-labelledby="briefing-link-title">
      <h2 id="briefing-link-title" class="rail-title">
        Morning Headlines
      </h2>
      <p>
        <a href={briefing.url}>{briefingTitle(site.name, briefing.editionDate, site.timeZone)}</a>
      </p>
      <p class="fine-print">Today's briefing: {formatEditionDate(briefing.publishedAt, site.timeZone)}</p>
    </section>
  );
}
