import type { ArticleFigures } from "../../../audience/article-figures.js";
import { count, duration } from "./figures.js";

/** A story's headline figures and its standing against the section's median story of the same age. */
export function StoryTotals({ f }: { f: ArticleFigures }) {
  const median = f.sectionMedian;
  return (
    <>
      <dl class="totals">
        <div>
          <dt>Views</dt>
          <dd>{count(f.views)}</dd>
        </div>
        <div>
          <dt>Visitors</dt>
          <dd>{count(f.visitors)}</dd>
        </div>
        <div>
          <dt>Engaged per visitor</dt>
          <dd>{duration(f.engagedPerVisitor)}</dd>
        </div>
        <div>
          <dt>Sign-ups</dt>
          <dd>{count(f.signups)}</dd>
        </div>
      </dl>
      <p class="compare">
        {median
          ? `${compareText(f.views, median.views)} the section's median story over its first ${
              median.days === 1 ? "day" : `${median.days} days`
            } (${count(median.views)} views, ${median.stories} stories compared).`
          : "No earlier story in this section to compare with yet."}
      </p>
    </>
  );
}

function compareText(views: number, median: number): string {
  if (median === 0) return views > 0 ? "Ahead of" : "Level with";
  const ratio = views / median;
  if (ratio >= 1.05) return `${ratio.toFixed(1)}× `;
  if (ratio <= 0.95) return `${Math.round(ratio * 100)}% of`;
  return "Level with";
}
