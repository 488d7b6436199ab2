import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { href, navigate } from "../router.js";
import { type ArticleDraft, STATUS_LABELS, type TrashItem } from "../types.js";

// The trash (docs/adr/025): what was deleted, by whom, when it goes for good, and Restore; and the
// Delete button of the article editor.

const KIND_LABELS: Record<TrashItem["kind"], string> = { article: "Article", image: "Image", video: "Video" };
const restorePath = (item: TrashItem) =>
  item.kind === "article"
    ? `/articles/${item.id}/restore`
    : `/${item.kind === "image" ? "media" : "videos"}/${item.id}/restore`;

export function TrashView() {
  const list = useLoad(() => api.get<{ items: TrashItem[] }>("/trash"), []);
  const action = useAction();
  const [done, setDone] = useState("");
  const items = list.data?.items ?? [];
  return (
    <>
      <div class="view-head">
        <PageTitle title="Trash">Trash</PageTitle>
      </div>
      <p class="hint">Deleted articles, images and videos stay here for 30 days, then go for good.</p>
      <ErrorNote error={list.error} />
      <ErrorNote error={action.error} />
      <p role="status">{done}</p>
      {list.data && items.length === 0 && <p>The trash is empty.</p>}
      {items.length > 0 && (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col" class="wide-only">
                Deleted
              </th>
              <th scope="col" class="wide-only">
                Goes for good
              </th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.kind}-${item.id}`}>
                <td>
                  <span class="hint">{KIND_LABELS[item.kind]}</span> {item.title}
                  {item.from && <span class="hint"> (was {STATUS_LABELS[item.from].toLowerCase()})</span>}
                </td>
                <td class="wide-only">
                  {formatLondon(item.trashedAt)}
                  {item.trashedBy ? ` by ${item.trashedBy}` : ""}
                </td>
                <td class="wide-only">{formatLondon(item.purgeAt)}</td>
                <td>
                  <button
                    type="button"
                    class="small"
                    disabled={action.busy}
                    aria-label={`Restore ${item.title}`}
                    onClick={() =>
                      void action.run(async () => {
                        await api.post(restorePath(item));
                        setDone(`Restored: ${item.title}.`);
                        list.reload();
                      })
                    }
                  >
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The editor's Delete: the article goes to the trash (30 days), and the trash opens. */
export function DeleteArticle(props: { draft: ArticleDraft; beforeAction: () => Promise<boolean> }) {
  const { draft, beforeAction } = props;
  const action = useAction();
  const live = draft.status === "published";
  return (
    <section class="delete-article" aria-label="Delete">
      <ErrorNote error={action.error} />
      <button
        type="button"
        disabled={action.busy}
        onClick={() => {
          const warning = live
            ? "Delete this published story? It leaves the site at once. You can restore it from the Trash for 30 days."
            : "Delete this article? You can restore it from the Trash for 30 days.";
          if (!confirm(warning)) return;
          void action.run(async () => {
            // Whatever was typed is saved first: a restore brings back the latest words.
            await beforeAction();
            await api.post(`/articles/${draft.id}/trash`);
            navigate("/trash");
          });
        }}
      >
        Delete article
      </button>
      <p class="hint">
        Deleted articles wait in the <a href={href("/trash")}>Trash</a> for 30 days.
      </p>
    </section>
  );
}
