import { useMemo } from "preact/hooks";
import type { ArticleFigures } from "../../../audience/article-figures.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useLoad } from "../hooks.js";
import { NEWSROOM_ZONE } from "../london-time.js";
import { href } from "../router.js";
import { Chart } from "../audience/Chart.js";
import { StoryTotals } from "../audience/StoryFigures.js";
import { Scroller, SourcesTable, count, duration, timeOf } from "../audience/figures.js";

// One story's audience since publication: views over time (by the hour in its first two days,
// then by the day), engaged time, sources, sign-ups, against its section's median story.

/** "7 Dec" for an hour's UTC start, in the newsroom's zone. */
const localDay = (t: string) =>
  new Date(`${t}:00Z`).toLocaleDateString("en-GB", { timeZone: NEWSROOM_ZONE, day: "numeric", month: "short" });

export function AudienceStory({ id }: { id: number }) {
  const loaded = useLoad(() => api.get<ArticleFigures>(`/analytics/articles/${id}`), [id]);
  const f = loaded.data;
  const chart = useMemo(
    () =>
      f && {
        times: f.series.map(timeOf),
        lines: [{ label: "Views", values: f.series.map((p) => p.views), color: "#1d4f91" }],
      },
    [f],
  );
  const hourly = f?.series[0]?.t.length !== 10;
  return (
    <>
      <p class="hint">
        <a href={href("/audience/overview?period=7d")}>Audience</a> ·{" "}
        <a href={href(`/articles/${id}`)}>Edit the story</a>
      </p>
      <PageTitle title={f ? `Audience: ${f.headline}` : "Audience of a story"}>
        {f ? f.headline : "Audience of a story"}
      </PageTitle>
      <ErrorNote error={loaded.error} />
      {f && chart && (
        <>
          <p class="hint">
            {f.from === f.to ? f.from : `${f.from} to ${f.to}`}, newsroom time
            {f.publishedAt ? "; since publication" : ""}. Visitors are the sum of each day's unique visitors (a reader
            on two days counts twice).
          </p>
          <StoryTotals f={f} />
          <section class="chart-with-table" aria-labelledby="story-over-time">
            <h2 id="story-over-time">{hourly ? "By the hour" : "By the day"}</h2>
            <Chart
              times={chart.times}
              lines={chart.lines}
              daily={!hourly}
              summary="Views of this story over time; the table has the figures."
            />
            <Scroller label="Figures over time">
              <table class="list figures">
                <caption>Views, engaged time and sign-ups {hourly ? "by the hour" : "by the day"}</caption>
                <thead>
                  <tr>
                    <th scope="col">{hourly ? "Hour" : "Day"}</th>
                    <th scope="col" class="num">
                      Views
                    </th>
                    <th scope="col" class="num">
                      Engaged
                    </th>
                    <th scope="col" class="num">
                      Sign-ups
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {f.series.map((p) => (
                    <tr key={p.t}>
                      <th scope="row">{hourly ? `${localDay(p.t)} ${p.label}` : p.label}</th>
                      <td class="num">{count(p.views)}</td>
                      <td class="num">{duration(p.engagedSeconds)}</td>
                      <td class="num">{count(p.signups)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroller>
          </section>
          <div class="figure-grid">
            <SourcesTable sources={f.sources} caption="Views by source" />
            {f.referrers.length > 0 && (
              <table class="list figures">
                <caption>Top referrers</caption>
                <thead>
                  <tr>
                    <th scope="col">Referrer</th>
                    <th scope="col" class="num">
                      Views
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {f.referrers.map((r) => (
                    <tr key={`${r.kind}-${r.name}`}>
                      <th scope="row">
                        {r.name} <span class="hint">({r.kind})</span>
                      </th>
                      <td class="num">{count(r.views)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </>
  );
}
