import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { WEBHOOK_EVENTS } from "../../../platform/webhooks/event-types.js";

// Webhooks (admins, docs/adr/033): register (the secret is shown once), remove, and each one's
// delivery log with "Send again" and "Send a test".

interface Hook {
  id: number;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
}
interface Delivery {
  id: number;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

function DeliveryLog({ hook }: { hook: Hook }) {
  const log = useLoad(
    () => api.get<{ items: Delivery[] }>(`/webhooks/${hook.id}/deliveries`).then((r) => r.items),
    [hook.id],
  );
  const action = useAction();
  const send = (path: string, what: string) =>
    void action.run(async () => {
      await api.post(path, {});
      announce(`${what} queued.`);
      log.set(await api.get<{ items: Delivery[] }>(`/webhooks/${hook.id}/deliveries`).then((r) => r.items));
    });
  return (
    <>
      <ErrorNote error={log.error ?? action.error} />
      <button type="button" onClick={() => send(`/webhooks/${hook.id}/test`, "A test")}>
        Send a test to {hook.name}
      </button>
      <table>
        <caption>Deliveries to {hook.name}</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Answer</th>
            <th scope="col">Duration</th>
            <th scope="col">Next retry</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(log.data ?? []).map((d) => (
            <tr key={d.id}>
              <th scope="row">
                {d.event} <small>{formatLondon(d.createdAt)}</small>
              </th>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{d.responseStatus ?? d.error ?? "—"}</td>
              <td>{d.durationMs === null ? "—" : `${d.durationMs} ms`}</td>
              <td>{d.nextAttemptAt ? formatLondon(d.nextAttemptAt) : "—"}</td>
              <td>
                <button
                  type="button"
                  onClick={() => send(`/webhooks/${hook.id}/deliveries/${d.id}/redeliver`, "Delivery")}
                >
                  Send again
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function WebhooksView() {
  const list = useLoad(() => api.get<{ items: Hook[] }>("/webhooks").then((r) => r.items), []);
  const action = useAction();
  const [form, setForm] = useState({ name: "", url: "", events: [] as string[] });
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const create = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const made = await api.post<Hook & { secret: string }>("/webhooks", form);
      setSecret(made.secret);
      list.set([...(list.data ?? []), made]);
      setForm({ name: "", url: "", events: [] });
      announce(`Webhook ${made.name} registered. Copy its secret now: it is shown only once.`);
    });
  };
  const remove = (hook: Hook) =>
    void action.run(async () => {
      if (!confirm(`Remove the webhook ${hook.name} and its log?`)) return;
      await api.delete(`/webhooks/${hook.id}`);
      list.set((list.data ?? []).filter((h) => h.id !== hook.id));
      announce(`${hook.name} removed.`);
    });
  return (
    <>
      <PageTitle title="Webhooks">Webhooks</PageTitle>
      <ErrorNote error={list.error ?? action.error} />
      {secret && (
        <p class="panel" role="status">
          The signing secret, shown this once: <code>{secret}</code>{" "}
          <button type="button" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </p>
      )}
      <form class="panel" onSubmit={create}>
        <label>
          Name <input value={form.name} required onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        </label>
        <label>
          Address{" "}
          <input
            type="url"
            value={form.url}
            required
            onInput={(e) => setForm({ ...form, url: e.currentTarget.value })}
          />
        </label>
        <fieldset>
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev}>
              <input
                type="checkbox"
                checked={form.events.includes(ev)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    events: e.currentTarget.checked ? [...form.events, ev] : form.events.filter((x) => x !== ev),
                  })
                }
              />{" "}
              {ev}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={action.busy}>
          Register webhook
        </button>
      </form>
      <ul class="plain">
        {(list.data ?? []).map((hook) => (
          <li key={hook.id} class="panel">
            <h2>{hook.name}</h2>
            <p>
              <code>{hook.url}</code> — {hook.events.join(", ")}
              {hook.enabled ? "" : " (disabled)"}
            </p>
            <button
              type="button"
              aria-expanded={open === hook.id}
              onClick={() => setOpen(open === hook.id ? null : hook.id)}
            >
              Delivery log of {hook.name}
            </button>{" "}
            <button type="button" onClick={() => remove(hook)}>
              Remove {hook.name}
            </button>
            {open === hook.id && <DeliveryLog hook={hook} />}
          </li>
        ))}
      </ul>
    </>
  );
}
