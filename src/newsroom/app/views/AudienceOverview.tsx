import { useMemo } from "preact/hooks";
import type { Overview } from "../../../audience/overview.js";
import type { Period } from "../../../audience/periods.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useLoad } from "../hooks.js";
import { href } from "../router.js";
import { AudienceTabs } from "../audience/AudienceTabs.js";
import { Chart } from "../audience/Chart.js";
import { Scroller, SourcesTable, count, duration, timeOf } from "../audience/figures.js";

// Today / 7 days / 30 days: totals, views and engaged time over the period as a chart with the
// same figures in a table beside it, sources, top stories and sections, each downloadable as CSV.

const TITLES: Record<Period, string> = { today: "Today", "7d": "The last 7 days", "30d": "The last 30 days" };

const csvHref = (period: Period, table: string) =>
  `/api/newsroom/analytics/overview.csv?period=${period}&table=${table}`;

export function AudienceOverview({ period }: { period: Period }) {
  const loaded = useLoad(() => api.get<Overview>(`/analytics/overview?period=${period}`), [period]);
  // The last period's figures are not shown under this period's title while this one loads.
  const o = loaded.data?.period === period ? loaded.data : undefined;
  const chart = useMemo(
    () =>
      o && {
        times: o.series.map(timeOf),
        lines: [
          { label: "Views", values: o.series.map((p) => p.views), color: "#1d4f91" },
          {
            label: "Engaged minutes",
            values: o.series.map((p) => Math.round(p.engagedSeconds / 60)),
            color: "#b4451f",
          },
        ],
      },
    [o],
  );
  const title = `Audience: ${TITLES[period].toLowerCase()}`;
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <AudienceTabs current={period} />
      <ErrorNote error={loaded.error} />
      {!o || !chart ? (
        !loaded.error && <p aria-live="polite">Adding up…</p>
      ) : (
        <>
          <dl class="totals">
            <div>
              <dt>Views</dt>
              <dd>{count(o.totals.views)}</dd>
            </div>
            <div>
              <dt>Visitors</dt>
              <dd>{count(o.totals.visitors)}</dd>
            </div>
            <div>
              <dt>Engaged time per visitor</dt>
              <dd>{duration(o.totals.engagedPerVisitor)}</dd>
            </div>
            <div>
              <dt>Newsletter sign-ups</dt>
              <dd>{count(o.totals.signups)}</dd>
            </div>
          </dl>
          <p class="hint">
            {o.from === o.to ? o.from : `${o.from} to ${o.to}`}, newsroom time. Visitors are counted per day (a reader
            on two days counts twice); readers who ask not to be tracked count as views only.
          </p>
          <section class="chart-with-table" aria-labelledby="over-time">
            <h2 id="over-time">{period === "today" ? "By the hour" : "By the day"}</h2>
            <Chart
              times={chart.times}
              lines={chart.lines}
              daily={period !== "today"}
              summary={`Views and engaged minutes ${period === "today" ? "by the hour" : "by the day"}; the table has the figures.`}
            />
            <Scroller label="Figures over time">
              <table class="list figures">
                <caption>
                  Views, visitors, engaged time and sign-ups {period === "today" ? "by the hour" : "by the day"}{" "}
                  <a href={csvHref(period, "series")} download>
                    Download CSV
                  </a>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{period === "today" ? "Hour" : "Day"}</th>
                    <th scope="col" class="num">
                      Views
                    </th>
                    {period !== "today" && (
                      <th scope="col" class="num">
                        Visitors
                      </th>
                    )}
                    <th scope="col" class="num">
                      Engaged
                    </th>
                    <th scope="col" class="num">
                      Sign-ups
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.series.map((p) => (
                    <tr key={p.t}>
                      <th scope="row">{p.label}</th>
                      <td class="num">{count(p.views)}</td>
                      {period !== "today" && <td class="num">{count(p.visitors ?? 0)}</td>}
                      <td class="num">{duration(p.engagedSeconds)}</td>
                      <td class="num">{count(p.signups)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroller>
          </section>
          <div class="figure-grid">
            <section aria-labelledby="sources">
              <h2 id="sources">Sources</h2>
              <SourcesTable sources={o.sources} caption="Views by source" />
              <p>
                <a href={csvHref(period, "sources")} download>
                  Sources as CSV
                </a>{" "}
                ·{" "}
                <a href={csvHref(period, "referrers")} download>
                  Referrers as CSV
                </a>
              </p>
              {o.referrers.length > 0 && (
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
                    {o.referrers.map((r) => (
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
              {o.campaigns.length > 0 && (
                <table class="list figures">
                  <caption>Campaigns (source / medium / campaign)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Campaign</th>
                      <th scope="col" class="num">
                        Views
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.campaigns.map((c) => (
                      <tr key={c.campaign}>
                        <th scope="row">{c.campaign}</th>
                        <td class="num">{count(c.views)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby="sections">
              <h2 id="sections">Sections</h2>
              <table class="list figures">
                <caption>
                  Views by section{" "}
                  <a href={csvHref(period, "sections")} download>
                    Download CSV
                  </a>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Section</th>
                    <th scope="col" class="num">
                      Views
                    </th>
                    <th scope="col" class="num">
                      Engaged
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {o.sections.map((s) => (
                    <tr key={s.slug}>
                      <th scope="row">{s.name}</th>
                      <td class="num">{count(s.views)}</td>
                      <td class="num">{duration(s.engagedSeconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <section aria-labelledby="stories">
            <h2 id="stories">Top stories</h2>
            <table class="list figures">
              <caption>
                Most read stories{" "}
                <a href={csvHref(period, "stories")} download>
                  Download CSV
                </a>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Story</th>
                  <th scope="col">Section</th>
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
                {o.stories.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <a href={href(`/audience/articles/${s.id}`)}>{s.headline}</a>
                    </th>
                    <td>{s.section}</td>
                    <td class="num">{count(s.views)}</td>
                    <td class="num">{duration(s.engagedSeconds)}</td>
                    <td class="num">{count(s.signups)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
