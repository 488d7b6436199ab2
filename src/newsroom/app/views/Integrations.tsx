import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import type { Integration } from "../../../integrations/integrations.js";
import { ShownOnce } from "./ShownOnce.js";

// Integrations of the Admin API (admins, docs/adr/033): list, create — the key is shown here once
// and never again — and revoke.

interface Listing {
  items: Integration[];
  scopes: { name: string; summary: string; actions: string[] }[];
}

export function IntegrationsView() {
  const list = useLoad(() => api.get<Listing>("/integrations"), []);
  const action = useAction();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [key, setKey] = useState<{ name: string; key: string } | null>(null);
  const create = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const made = await api.post<{ integration: Integration; key: string }>("/integrations", { name, scopes });
      setKey({ name: made.integration.name, key: made.key });
      setName("");
      setScopes([]);
      list.set({ ...(list.data ?? { scopes: [] }), items: [...(list.data?.items ?? []), made.integration] });
      announce(`Integration ${made.integration.name} created. Copy its key now: it is shown only once.`);
    });
  };
  const revoke = (i: Integration) =>
    void action.run(async () => {
      if (!confirm(`Revoke the key of ${i.name}? Its calls stop at once.`)) return;
      const next = await api.post<Integration>(`/integrations/${i.id}/revoke`, {});
      list.set({ ...list.data!, items: list.data!.items.map((x) => (x.id === next.id ? next : x)) });
      announce(`${i.name} revoked.`);
      // The button is gone: the focus goes to what replaced it, not to the top of the page.
      requestAnimationFrame(() => document.getElementById(`revoked-${i.id}`)?.focus());
    });
  return (
    <>
      <PageTitle title="Integrations">Integrations</PageTitle>
      <p class="lede">
        An integration is another system that works with the newsroom through the{" "}
        <a href="/api/admin/v1/docs">Admin API</a>, with a key of its own: it can do only what its scopes allow, and
        everything it does is in the audit log under its name.
      </p>
      <ErrorNote error={list.error ?? action.error} />
      {key && <ShownOnce what="key" owner={key.name} value={key.key} onDone={() => setKey(null)} />}
      <form class="panel" onSubmit={create}>
        <h2>New integration</h2>
        <div class="inline-form">
          <span class="stack">
            <label for="integration-name">Name</label>
            <input
              id="integration-name"
              value={name}
              required
              maxLength={80}
              size={30}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </span>
        </div>
        <fieldset class="checks">
          <legend>Scopes</legend>
          {(list.data?.scopes ?? []).map((s) => (
            <label key={s.name} class="check">
              <input
                type="checkbox"
                checked={scopes.includes(s.name)}
                onChange={(e) =>
                  setScopes(e.currentTarget.checked ? [...scopes, s.name] : scopes.filter((x) => x !== s.name))
                }
              />
              <span>
                <code>{s.name}</code> <small>{s.summary}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={action.busy || !name || scopes.length === 0}>
          Create integration
        </button>
      </form>
      <h2>Keys</h2>
      <table class="list integration-list">
        <caption class="sr-only">Integrations and their keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" class="wide-only">
              Key
            </th>
            <th scope="col">Scopes</th>
            <th scope="col" class="wide-only">
              Last used
            </th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.name}</th>
              <td class="wide-only">
                <code>{i.keyPrefix}…</code>
              </td>
              <td>{i.scopes.join(", ")}</td>
              <td class="wide-only">{i.lastUsedAt ? formatLondon(i.lastUsedAt) : "never"}</td>
              <td>
                {i.revokedAt ? (
                  <span id={`revoked-${i.id}`} class="revoked" tabIndex={-1}>
                    Revoked {formatLondon(i.revokedAt)}
                  </span>
                ) : (
                  <button type="button" class="small" onClick={() => revoke(i)}>
                    Revoke<span class="sr-only"> {i.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.items.length === 0 && <p class="empty">No integrations yet.</p>}
    </>
  );
}
