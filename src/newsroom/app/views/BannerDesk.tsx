import { useState } from "preact/hooks";
import type { BannerJson } from "../../../banner/banner.api.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";

// The breaking-news banner (docs/adr/035): what readers see now, raise a new one (text, link, the
// "Live" marker, how long it stays), take it down, and the last ones raised. Editors and admins.

interface BannerState {
  rev: number;
  banner: BannerJson | null;
  showing: boolean;
  recent: BannerJson[];
}

const DURATIONS: [string, number | null][] = [
  ["Until taken down", null],
  ["30 minutes", 30],
  ["1 hour", 60],
  ["2 hours", 120],
  ["4 hours", 240],
  ["12 hours", 720],
];

export function BannerDesk() {
  const state = useLoad(() => api.get<BannerState>("/banner"), []);
  const action = useAction();
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [live, setLive] = useState(false);
  const [push, setPush] = useState(false);
  const [minutes, setMinutes] = useState<number | null>(60);
  const [done, setDone] = useState("");
  const current = state.data?.showing ? state.data.banner : null;

  const raise = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const expiresAt = minutes === null ? null : new Date(Date.now() + minutes * 60_000).toISOString();
      await api.post("/banner", { text, url, live, expiresAt, push });
      setDone("The banner is up across the site.");
      setText("");
      state.reload();
    });
  };
  const lower = () =>
    void action.run(async () => {
      await api.delete("/banner");
      setDone("The banner is down.");
      state.reload();
    });

  return (
    <>
      <div class="view-head">
        <PageTitle title="Breaking-news banner">Breaking-news banner</PageTitle>
      </div>
      <p class="hint">
        One banner across the whole site, above the masthead. Open pages show it within a second; raising a new one
        replaces the one up.
      </p>
      <ErrorNote error={state.error} />
      <ErrorNote error={action.error} />
      <p role="status">{done}</p>
      <section aria-labelledby="banner-now">
        <h2 id="banner-now">On the site now</h2>
        {state.data && !current && <p>No banner.</p>}
        {current && (
          <div class="banner-now">
            <p>
              {current.live && <strong>Live · </strong>}
              <a href={current.url}>{current.text}</a>
            </p>
            <p class="hint">
              Raised {formatLondon(current.raisedAt)}
              {current.expiresAt ? `, comes down ${formatLondon(current.expiresAt)}` : ", until taken down"}
            </p>
            <button type="button" class="danger" disabled={action.busy} onClick={lower}>
              Take the banner down
            </button>
          </div>
        )}
      </section>
      <form class="banner-form" onSubmit={raise} aria-labelledby="banner-raise">
        <h2 id="banner-raise">Raise a banner</h2>
        <label class="label-block" for="banner-text">
          Text
        </label>
        <input id="banner-text" required maxLength={160} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <label class="label-block" for="banner-url">
          Link (a path on the site such as /uk/story, or https://…)
        </label>
        <input id="banner-url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        <label class="check">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} />
          Mark it “Live”
        </label>
        <label class="check">
          <input type="checkbox" checked={push} onChange={(e) => setPush(e.currentTarget.checked)} />
          Also send it as a notification to readers who turned them on
        </label>
        <label class="label-block" for="banner-expiry">
          Comes down
        </label>
        <select
          id="banner-expiry"
          value={String(minutes)}
          onChange={(e) => setMinutes(e.currentTarget.value === "null" ? null : Number(e.currentTarget.value))}
        >
          {DURATIONS.map(([label, value]) => (
            <option value={String(value)}>{label}</option>
          ))}
        </select>
        <div class="actions">
          <button type="submit" disabled={action.busy}>
            Raise the banner
          </button>
        </div>
      </form>
      {(state.data?.recent.length ?? 0) > 0 && (
        <section aria-labelledby="banner-recent">
          <h2 id="banner-recent">Recent banners</h2>
          <ul>
            {state.data!.recent.map((b) => (
              <li key={b.id}>
                {b.text} <span class="hint">— {formatLondon(b.raisedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
