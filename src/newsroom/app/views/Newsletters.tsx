import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useCan, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { type Newsletter, sourceLabel } from "../newsletters/newsletter-types.js";
import { cronInWords } from "../newsletters/cron-words.js";
import { href } from "../router.js";
import { type Source, SourceSelect, sourceBody, sourceValue, useSources } from "./NewsletterSource.js";

// One newsletter's editions load with this screen, in its chunk (App.tsx loads both from here).
export { EditionsView } from "./NewsletterEditions.js";

// Newsletters (issue 4): each with its confirmed and pending subscribers and next send; admins
// add, rename, pause and schedule them (one newsletter's editions: NewsletterEditions.tsx). A
// newsletter an admin adds is a digest: at each send time, the stories published since its last
// edition, from one section, one topic or every section (NewsletterSource.tsx).

export function NewslettersView() {
  const can = useCan();
  const admin = can("newsletter.admin");
  const list = useLoad(() => api.get<{ items: Newsletter[] }>("/newsletters").then((r) => r.items), []);
  const sources = useSources(admin);
  return (
    <>
      <div class="view-head">
        <PageTitle title="Newsletters">Newsletters</PageTitle>
        <a href={href("/subscribers")}>Subscribers</a>
      </div>
      <ErrorNote error={list.error} />
      {list.data && (
        <table class="list newsletter-list">
          <thead>
            <tr>
              <th scope="col">Newsletter</th>
              <th scope="col">Subscribers</th>
              <th scope="col" class="wide-only">
                Next send
              </th>
              <th scope="col" class="wide-only">
                State
              </th>
              {admin && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {list.data.map((n) => (
              <NewsletterRow key={n.id} n={n} admin={admin} onSaved={list.reload} sources={sources.data} />
            ))}
          </tbody>
        </table>
      )}
      {admin && <AddNewsletter onAdded={list.reload} sources={sources.data} />}
    </>
  );
}

function NewsletterRow({
  n,
  admin,
  onSaved,
  sources,
}: {
  n: Newsletter;
  admin: boolean;
  onSaved: () => void;
  sources: Source | undefined;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(n.name);
  const [cron, setCron] = useState(n.sendCron ?? "");
  const [source, setSource] = useState(sourceValue(n));
  const action = useAction();
  const patch = (body: object) =>
    void action.run(async () => {
      await api.patch(`/newsletters/${n.id}`, body);
      setEditing(false);
      onSaved();
    });
  return (
    <tr>
      <td>
        <a href={href(`/newsletters/${n.slug}`)}>{n.name}</a>
        <div class="hint">
          {n.kind}
          {n.digest ? ` · ${sourceLabel(n)}` : ""}
          {n.sendCron ? ` · ${cronInWords(n.sendCron)} (${n.timeZone} time)` : ""}
          {n.status === "paused" ? " · paused" : ""}
        </div>
        {editing && (
          <form
            class="inline-form"
            aria-label={`Change ${n.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              patch({
                name,
                ...(n.kind === "alert" ? {} : { sendCron: cron.trim() || null }),
                ...(n.digest ? sourceBody(source) : {}),
              });
            }}
          >
            <label>
              Name
              <input value={name} required maxLength={80} onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            {n.kind !== "alert" && (
              <label>
                Send time (cron, five fields)
                <input
                  value={cron}
                  placeholder="0 6 * * *"
                  aria-describedby={`cron-words-${n.slug}`}
                  onInput={(e) => setCron(e.currentTarget.value)}
                />
                <span class="hint" id={`cron-words-${n.slug}`}>
                  {cron.trim() ? cronInWords(cron) : "Not scheduled"}
                </span>
              </label>
            )}
            {n.digest && <SourceSelect value={source} onChange={setSource} sources={sources} />}
            <button type="submit" class="primary" disabled={action.busy}>
              Save
            </button>
          </form>
        )}
        <ErrorNote error={action.error} />
      </td>
      <td>
        {n.confirmed}
        <div class="hint">confirmed</div>
        <div class="hint">{n.pending} pending</div>
      </td>
      <td class="wide-only">
        {n.nextSendAt ? formatLondon(n.nextSendAt) : "—"}
        {n.lastRun && (
          <div class={n.lastRun.failed ? "hint hint-error" : "hint"}>
            Last run {n.lastRun.at ? formatLondon(n.lastRun.at) : ""}: {n.lastRun.note}
          </div>
        )}
      </td>
      <td class="wide-only">
        <span class={`status ${n.status === "paused" ? "status-unpublished" : "status-published"}`}>
          {n.status === "paused" ? "Paused" : "Active"}
        </span>
      </td>
      {admin && (
        <td>
          <span class="row-actions">
            <button type="button" class="small" onClick={() => setEditing(!editing)} aria-expanded={editing}>
              Change <span class="sr-only">the name or send time of {n.name}</span>
            </button>
            <button
              type="button"
              class="small"
              disabled={action.busy}
              onClick={() => patch({ status: n.status === "paused" ? "active" : "paused" })}
            >
              {n.status === "paused" ? "Resume" : "Pause"} <span class="sr-only">{n.name}</span>
            </button>
          </span>
        </td>
      )}
    </tr>
  );
}

function AddNewsletter({ onAdded, sources }: { onAdded: () => void; sources: Source | undefined }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"daily" | "weekly">("weekly");
  const [cron, setCron] = useState("");
  const [source, setSource] = useState("");
  const [description, setDescription] = useState("");
  const action = useAction();
  return (
    <form
      class="panel inline-form"
      aria-labelledby="add-newsletter-h"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await api.post("/newsletters", {
            name,
            kind,
            description,
            ...(cron.trim() ? { sendCron: cron.trim() } : {}),
            ...sourceBody(source),
          });
          setName("");
          setCron("");
          setSource("");
          setDescription("");
          onAdded();
        });
      }}
    >
      <h2 id="add-newsletter-h">Add a newsletter</h2>
      <p class="hint">
        Each edition gathers the stories published since the one before; editors can change it before it goes.
      </p>
      <label>
        Name
        <input value={name} required maxLength={80} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value === "daily" ? "daily" : "weekly")}>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
        </select>
      </label>
      <label>
        Send time (cron)
        <input
          value={cron}
          placeholder={kind === "daily" ? "0 18 * * *" : "0 12 * * 5"}
          aria-describedby="new-cron-words"
          onInput={(e) => setCron(e.currentTarget.value)}
        />
        <span class="hint" id="new-cron-words">
          {cron.trim() ? cronInWords(cron) : "Not scheduled until a send time is set"}
        </span>
      </label>
      <SourceSelect value={source} onChange={setSource} sources={sources} />
      <label>
        Description
        <input value={description} maxLength={300} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={action.busy}>
        Add the newsletter
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}
