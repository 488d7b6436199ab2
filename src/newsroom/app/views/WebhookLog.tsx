import { useEffect } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { api } from "../api.js";
import { ErrorNote, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";

// One webhook's delivery log: what was sent, how the receiver answered, when the next try is;
// "Send a test" and "Send again". While a delivery is on its way the log reads itself again every
// few seconds, so the answer appears without a reload.

export interface Hook {
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

const REFRESH_MS = 2000;
const unsettled = (d: Delivery) => d.status === "pending" || d.status === "sending";

function answerOf(d: Delivery): string {
  if (d.responseStatus !== null) return `HTTP ${d.responseStatus}`;
  return d.error ?? "—";
}

export function WebhookLog({ hook }: { hook: Hook }) {
  const load = () => api.get<{ items: Delivery[] }>(`/webhooks/${hook.id}/deliveries`).then((r) => r.items);
  const log = useLoad(load, [hook.id]);
  const action = useAction();
  const waiting = (log.data ?? []).some(unsettled);
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(log.reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [log.data]);
  const send = (path: string, what: string) =>
    void action.run(async () => {
      await api.post(path, {});
      announce(`${what} queued; the log shows its answer when it arrives.`);
      log.set(await load());
    });
  const headingId = `log-${hook.id}`;
  return (
    <section class="webhook-log" aria-labelledby={headingId}>
      <h3 id={headingId}>Deliveries to {hook.name}</h3>
      <ErrorNote error={log.error ?? action.error} />
      <div class="row-actions">
        <button type="button" class="small" onClick={() => send(`/webhooks/${hook.id}/test`, "A test")}>
          Send a test<span class="sr-only"> to {hook.name}</span>
        </button>
        <button type="button" class="small" onClick={log.reload}>
          Refresh<span class="sr-only"> the log of {hook.name}</span>
        </button>
      </div>
      {log.data?.length === 0 ? (
        <p class="empty">Nothing sent yet.</p>
      ) : (
        <table class="list delivery-log">
          <caption class="sr-only">Deliveries to {hook.name}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Answer</th>
              <th scope="col" class="wide-only">
                Attempts
              </th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(log.data ?? []).map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <code>{d.event}</code> <small>{formatLondon(d.createdAt)}</small>
                </th>
                <td>
                  <span class={`status delivery-${d.status}`}>{d.status}</span>
                  {d.nextAttemptAt && <small> next try {formatLondon(d.nextAttemptAt)}</small>}
                </td>
                <td>
                  {answerOf(d)}
                  {d.durationMs !== null && <small> in {d.durationMs} ms</small>}
                </td>
                <td class="wide-only">{d.attempts}</td>
                <td>
                  <button
                    type="button"
                    class="small"
                    onClick={() => send(`/webhooks/${hook.id}/deliveries/${d.id}/redeliver`, "The delivery")}
                  >
                    Send again
                    <span class="sr-only">
                      {" "}
                      ({d.event}, {formatLondon(d.createdAt)})
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
