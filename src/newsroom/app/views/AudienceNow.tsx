import { useEffect, useState } from "preact/hooks";
import type { NowFigures } from "../../../audience/now.queries.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle } from "../hooks.js";
import { newsroomZone } from "../london-time.js";
import { href } from "../router.js";
import { AudienceTabs } from "../audience/AudienceTabs.js";
import { SOURCE_LABELS, SourcesTable, count } from "../audience/figures.js";
import type { SourceKind } from "../../../audience/audience.table.js";

// Now: the newsroom's wall screen. Pages open and active in the last five minutes and the stories
// they show, with their sources, fetched again every 5 seconds while the tab is visible. The
// reader count is announced politely only when it changes by the minute, not every refresh.

const REFRESH_MS = 5000;

export function AudienceNow() {
  const [now, setNow] = useState<NowFigures>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      if (document.visibilityState === "visible") {
        try {
          const figures = await api.get<NowFigures>("/analytics/now");
          if (!stopped) {
            setNow(figures);
            setError(undefined);
          }
        } catch {
          if (!stopped) setError("The figures could not be refreshed; trying again.");
        }
      }
      if (!stopped) timer = setTimeout(() => void load(), REFRESH_MS);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return (
    <>
      <PageTitle title="Audience now">Audience now</PageTitle>
      <AudienceTabs current="now" />
      <ErrorNote error={error} />
      {!now ? (
        <p aria-live="polite">Counting readers…</p>
      ) : (
        <div class="audience-now">
          <p class="big-figure">
            <strong data-testid="readers-now">{count(now.readers)}</strong> {now.readers === 1 ? "reader" : "readers"}{" "}
            on the site in the last 5 minutes
          </p>
          <p class="hint">
            Updated {new Date(now.at).toLocaleTimeString("en-GB", { timeZone: newsroomZone() })}; views in the last 30
            minutes: {count(now.minutes.reduce((a, m) => a + m.views, 0))}.
          </p>
          <table class="list figures">
            <caption>Top stories by current readers</caption>
            <thead>
              <tr>
                <th scope="col">Story</th>
                <th scope="col" class="num">
                  Readers
                </th>
                <th scope="col">Came from</th>
              </tr>
            </thead>
            <tbody>
              {now.stories.length === 0 && (
                <tr>
                  <td colSpan={3}>No story has readers this minute.</td>
                </tr>
              )}
              {now.stories.map((s) => (
                <tr key={s.id}>
                  <td>
                    <a href={href(`/audience/articles/${s.id}`)}>{s.headline}</a> <span class="hint">{s.section}</span>
                  </td>
                  <td class="num">{count(s.readers)}</td>
                  <td>
                    {(Object.entries(s.sources) as [SourceKind, number][])
                      .filter(([, n]) => n > 0)
                      .sort((a, b) => b[1] - a[1])
                      .map(([k, n]) => `${SOURCE_LABELS[k]} ${n}`)
                      .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <SourcesTable sources={now.sources} caption="Where current readers came from" unit="Readers" />
        </div>
      )}
    </>
  );
}
