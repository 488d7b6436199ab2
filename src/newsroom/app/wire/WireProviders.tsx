import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { href } from "../router.js";
import type { ProviderStatus } from "./wire-types.js";

// Admins: the providers that feed the wire, their status in words, and adding, pausing, polling
// and removing them.

const EMPTY = {
  name: "",
  sourceKind: "http",
  source: "",
  format: "rss",
  interval: "5",
  authKind: "none",
  authSecret: "",
};

export function WireProviders() {
  const providers = useLoad(() => api.get<{ items: ProviderStatus[] }>("/wire/providers").then((r) => r.items), []);
  const action = useAction();
  const [form, setForm] = useState(EMPTY);
  const [said, setSaid] = useState("");
  const set = (key: keyof typeof EMPTY) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const state = (p: ProviderStatus) =>
    !p.enabled ? "Paused" : p.failures ? `Failing (${p.failures} in a row)` : p.quiet ? "Gone quiet" : "OK";
  return (
    <>
      <PageTitle title="Wire providers">Wire providers</PageTitle>
      <p>
        <a href={href("/wire")}>Back to the wire</a>
      </p>
      <ErrorNote error={providers.error ?? action.error} />
      <p role="status" aria-live="polite">
        {said}
      </p>
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Status</th>
            <th scope="col" class="wide-only">
              Last run
            </th>
            <th scope="col">Items in 24 h</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(providers.data ?? []).map((p) => (
            <tr key={p.id}>
              <td>
                <strong>{p.name}</strong>
                <br />
                <small>
                  {p.format} from {p.source}, every {Math.round(p.intervalSeconds / 60)} min
                </small>
              </td>
              <td>
                {state(p)}
                {p.lastError && (
                  <>
                    <br />
                    <small>{p.lastError}</small>
                  </>
                )}
              </td>
              <td class="wide-only">{formatLondon(p.lastRunAt)}</td>
              <td>{p.itemsLast24h}</td>
              <td>
                <div class="actions">
                  {p.sourceKind !== "email" && (
                    <button
                      type="button"
                      disabled={action.busy}
                      onClick={() =>
                        void action.run(async () => {
                          const r = await api.post<{ created: number; updated: number; error?: string }>(
                            `/wire/providers/${p.id}/poll`,
                            {},
                          );
                          setSaid(
                            r.error ? `${p.name}: ${r.error}` : `${p.name}: ${r.created} new, ${r.updated} updated.`,
                          );
                          providers.reload();
                        })
                      }
                    >
                      Poll now
                    </button>
                  )}
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() =>
                      void action.run(async () => {
                        await api.patch(`/wire/providers/${p.id}`, { enabled: !p.enabled });
                        setSaid(`${p.name} ${p.enabled ? "paused" : "resumed"}.`);
                        providers.reload();
                      })
                    }
                  >
                    {p.enabled ? "Pause" : "Resume"}
                  </button>
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() => {
                      if (!confirm(`Remove ${p.name} and the items nobody used?`)) return;
                      void action.run(async () => {
                        await api.delete(`/wire/providers/${p.id}`);
                        setSaid(`${p.name} removed.`);
                        providers.reload();
                      });
                    }}
                  >
                    Remove
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {providers.data?.length === 0 && <p class="empty">No providers yet.</p>}
      <form
        class="panel inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await api.post("/wire/providers", {
              name: form.name,
              sourceKind: form.sourceKind,
              source: form.source,
              format: form.sourceKind === "email" ? "email" : form.format,
              intervalSeconds: Number(form.interval) * 60,
              authKind: form.authKind,
              authSecret: form.authKind === "none" ? null : form.authSecret,
            });
            setSaid(`${form.name} added; it is polled within a minute.`);
            setForm(EMPTY);
            providers.reload();
          });
        }}
      >
        <h2>Add a provider</h2>
        <label>
          Name <input required value={form.name} onInput={set("name")} />
        </label>
        <label>
          Source
          <select value={form.sourceKind} onChange={set("sourceKind")}>
            <option value="http">A feed address (HTTP)</option>
            <option value="folder">A folder files are dropped into</option>
            <option value="email">An email address (press releases)</option>
          </select>
        </label>
        <label>
          {form.sourceKind === "http"
            ? "Address (URL)"
            : form.sourceKind === "folder"
              ? "Folder (absolute path)"
              : "Email address"}
          <input required value={form.source} onInput={set("source")} />
        </label>
        {form.sourceKind !== "email" && (
          <label>
            Format
            <select value={form.format} onChange={set("format")}>
              <option value="rss">RSS 2.0</option>
              <option value="atom">Atom</option>
              <option value="ninjs">IPTC ninjs (JSON)</option>
              <option value="newsml-g2">IPTC NewsML-G2 (XML)</option>
            </select>
          </label>
        )}
        <label>
          Every (minutes) <input type="number" min={1} max={1440} value={form.interval} onInput={set("interval")} />
        </label>
        {form.sourceKind === "http" && (
          <label>
            Sign-in
            <select value={form.authKind} onChange={set("authKind")}>
              <option value="none">None</option>
              <option value="basic">User and password</option>
              <option value="bearer">Token</option>
            </select>
          </label>
        )}
        {form.authKind !== "none" && (
          <label>
            {form.authKind === "basic" ? "user:password" : "Token"}
            <input type="password" autoComplete="off" value={form.authSecret} onInput={set("authSecret")} />
          </label>
        )}
        <button type="submit" class="primary" disabled={action.busy}>
          Add provider
        </button>
      </form>
    </>
  );
}
