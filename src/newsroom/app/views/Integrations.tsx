import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import type { Integration } from "../../../integrations/integrations.js";

// Integrations of the Admin API (admins, docs/adr/033): list, create — the key is shown here once
// and never again — and revoke.

interface Listing {
  items: Integration[];
  scopes: { name: string; actions: string[] }[];
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
    });
  return (
    <>
      <PageTitle title="Integrations">Integrations</PageTitle>
      <ErrorNote error={list.error ?? action.error} />
      {key && (
        <div class="panel" role="status">
          <p>
            The key of <strong>{key.name}</strong>, shown this once — copy it now:
          </p>
          <p>
            <code>{key.key}</code>
          </p>
          <button type="button" onClick={() => setKey(null)}>
            I have copied it
          </button>
        </div>
      )}
      <form class="panel" onSubmit={create}>
        <label>
          Name <input value={name} required maxLength={80} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {(list.data?.scopes ?? []).map((s) => (
            <label key={s.name} title={s.actions.join(", ")}>
              <input
                type="checkbox"
                checked={scopes.includes(s.name)}
                onChange={(e) =>
                  setScopes(e.currentTarget.checked ? [...scopes, s.name] : scopes.filter((x) => x !== s.name))
                }
              />{" "}
              {s.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={action.busy || !name || scopes.length === 0}>
          Create integration
        </button>
      </form>
      <table>
        <caption>Integrations and their keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.name}</th>
              <td>
                <code>{i.keyPrefix}…</code>
              </td>
              <td>{i.scopes.join(", ")}</td>
              <td>{i.lastUsedAt ? formatLondon(i.lastUsedAt) : "never"}</td>
              <td>
                {i.revokedAt ? (
                  `Revoked ${formatLondon(i.revokedAt)}`
                ) : (
                  <button type="button" onClick={() => revoke(i)}>
                    Revoke {i.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
