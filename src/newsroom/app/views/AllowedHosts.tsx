import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { api } from "../api.js";
import { ErrorNote, useAction, useLoad } from "../hooks.js";

// Hosts a webhook may reach although they resolve to a private, loopback or link-local address
// (docs/adr/033): an admin's deliberate act, here only, never through the Admin API.

interface AllowedHost {
  host: string;
  createdAt: string;
}

export function AllowedHosts() {
  const list = useLoad(() => api.get<{ items: AllowedHost[] }>("/webhooks/allowed-hosts").then((r) => r.items), []);
  const action = useAction();
  const [host, setHost] = useState("");
  const allow = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const added = await api.post<{ host: string }>("/webhooks/allowed-hosts", { host });
      setHost("");
      list.reload();
      announce(`${added.host} allowed.`);
    });
  };
  const remove = (h: AllowedHost) =>
    void action.run(async () => {
      await api.delete(`/webhooks/allowed-hosts/${encodeURIComponent(h.host)}`);
      list.set((list.data ?? []).filter((x) => x.host !== h.host));
      announce(`${h.host} is no longer allowed.`);
      document.getElementById("allowed-host")?.focus();
    });
  return (
    <section class="panel" aria-labelledby="allowed-hosts-title">
      <h2 id="allowed-hosts-title">Hosts on private networks</h2>
      <p>
        Webhooks are refused for addresses inside the operator's own network (loopback, private, link-local), so that
        nobody can use one to reach a machine the internet cannot. Allow a host here only when a receiver really runs
        there.
      </p>
      <ErrorNote error={list.error ?? action.error} />
      {(list.data ?? []).length > 0 && (
        <ul class="plain allowed-hosts">
          {(list.data ?? []).map((h) => (
            <li key={h.host}>
              <code>{h.host}</code>{" "}
              <button type="button" class="small" onClick={() => remove(h)}>
                Remove<span class="sr-only"> {h.host}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={allow}>
        <span class="stack">
          <label for="allowed-host">Host or address</label>
          <small id="allowed-host-hint">Without scheme or port, as in the webhook's address.</small>
          <input
            id="allowed-host"
            value={host}
            required
            placeholder="hooks.internal"
            aria-describedby="allowed-host-hint"
            onInput={(e) => setHost(e.currentTarget.value)}
          />
        </span>
        <button type="submit" disabled={action.busy || !host.trim()}>
          Allow host
        </button>
      </form>
    </section>
  );
}
