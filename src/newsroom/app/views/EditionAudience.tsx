import type { EditionFigures } from "../../../audience/edition-figures.js";
import { api } from "../api.js";
import { useCan, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { count, duration } from "../audience/figures.js";

// An edition's reach without open pixels (delivered, bounced, complaints, unsubscribed through its
// links, visits its links brought) and, for admins, the addresses that bounced or complained.

interface Report {
  subscriber_id: number;
  email: string;
  kind: "hard-bounce" | "soft-bounce" | "complaint";
  status: string;
  detail: string;
  received_at: string;
}

const KIND: Record<Report["kind"], string> = {
  "hard-bounce": "Hard bounce",
  "soft-bounce": "Soft bounce",
  complaint: "Spam complaint",
};

export function EditionAudience({ id }: { id: number }) {
  const can = useCan();
  const figures = useLoad(() => api.get<EditionFigures>(`/analytics/editions/${id}`), [id]);
  const f = figures.data;
  return (
    <section class="panel edition-audience" aria-labelledby="edition-audience">
      <h2 id="edition-audience">Reach</h2>
      {figures.error ? (
        <p class="hint">{figures.error}</p>
      ) : !f ? (
        <p aria-live="polite">Counting…</p>
      ) : (
        <dl class="totals">
          <div>
            <dt>Delivered</dt>
            <dd>{count(f.delivered)}</dd>
          </div>
          <div>
            <dt>Bounced</dt>
            <dd>{count(f.hardBounces + f.softBounces)}</dd>
          </div>
          <div>
            <dt>Complaints</dt>
            <dd>{count(f.complaints)}</dd>
          </div>
          <div>
            <dt>Unsubscribed</dt>
            <dd>{count(f.unsubscribed)}</dd>
          </div>
          <div>
            <dt>Visits from its links</dt>
            <dd>{count(f.visits)}</dd>
          </div>
          <div>
            <dt>Engaged time</dt>
            <dd>{duration(f.engagedSeconds)}</dd>
          </div>
        </dl>
      )}
      <p class="hint">Opens are not tracked: the email carries no pixel.</p>
      {can("newsletter.admin") && <BounceList id={id} />}
    </section>
  );
}

function BounceList({ id }: { id: number }) {
  const reports = useLoad(() => api.get<{ items: Report[] }>(`/editions/${id}/reports`), [id]);
  if (reports.error) return <p class="hint">{reports.error}</p>;
  if (!reports.data) return null;
  const items = reports.data.items;
  return (
    <details class="bounce-list">
      <summary>Bounces and complaints ({items.length})</summary>
      {items.length === 0 ? (
        <p>No bounce or complaint has come back for this edition.</p>
      ) : (
        <table class="list figures">
          <caption>Addresses that bounced or complained (hard bounces are no longer mailed)</caption>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={`${r.subscriber_id}-${r.kind}`}>
                <th scope="row">{r.email}</th>
                <td>{KIND[r.kind]}</td>
                <td>
                  {r.status}
                  {r.detail ? <span class="hint"> {r.detail}</span> : null}
                </td>
                <td>{formatLondon(r.received_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
