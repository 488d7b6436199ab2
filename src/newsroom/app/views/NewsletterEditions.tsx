import { api } from "../api.js";
import { ErrorNote, PageTitle, useLoad } from "../hooks.js";
import { formatLondon, instantToLondon } from "../london-time.js";
import { EDITION_STATUS_LABELS, type Edition, type Newsletter } from "../newsletters/newsletter-types.js";
import { href } from "../router.js";
import { ComposeNextEdition } from "./ComposeNextEdition.js";

// The editions of one newsletter, newest first, with their delivery counts (opens are not tracked).

export function EditionsView({ slug }: { slug: string }) {
  const newsletters = useLoad(() => api.get<{ items: Newsletter[] }>("/newsletters").then((r) => r.items), []);
  const list = useLoad(
    () => api.get<{ items: Edition[]; next: number | null }>("/editions", { newsletter: slug }),
    [slug],
  );
  const name = newsletters.data?.find((n) => n.slug === slug)?.name ?? slug;
  return (
    <>
      <p class="hint">
        <a href={href("/newsletters")}>All newsletters</a>
      </p>
      <PageTitle title={`${name}: editions`}>{name}: editions</PageTitle>
      {slug === "morning-headlines" && <ComposeNextEdition />}
      <ErrorNote error={list.error ?? newsletters.error} />
      {list.data && list.data.items.length === 0 && <p class="empty">No editions yet.</p>}
      {list.data && list.data.items.length > 0 && (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Edition</th>
              <th scope="col">Status</th>
              <th scope="col">Delivered</th>
              <th scope="col">Waiting</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((e) => (
              <tr key={e.id}>
                <td>
                  <a href={href(`/editions/${e.id}`)}>{e.editionDate}</a>
                  {e.status === "pending" && e.editionDate > instantToLondon(new Date()).date && (
                    <div class="hint">Composed ahead</div>
                  )}
                  {e.sentAt && <div class="hint">Sent {formatLondon(e.sentAt)}</div>}
                </td>
                <td>
                  <span class={`status edition-${e.status}`}>{EDITION_STATUS_LABELS[e.status]}</span>
                </td>
                <td>{e.deliveries.delivered}</td>
                <td>{e.deliveries.waiting}</td>
                <td>{e.deliveries.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
