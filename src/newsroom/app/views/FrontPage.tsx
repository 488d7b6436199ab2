import { useEffect, useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { attr, focusAfterRender } from "../a11y/focus.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { moveItem } from "../order.js";
import type { ArticleListItem } from "../types.js";
import { MoveButtons, useDragOrder } from "./sortable.js";

// The home page: pin the lead story, order the top stories by drag and drop or with the buttons
// (the keyboard way, WCAG 2.5.7), save; the site shows it at once. After Up, Down or Remove
// focus stays on the story (or its neighbour) and the move is read out; a story is added by the
// Add button, never by moving through the select's options (issue 18).

interface FrontPage {
  lead: ArticleListItem | null;
  top: ArticleListItem[];
}

export function FrontPageView() {
  const page = useLoad(() => api.get<FrontPage>("/front-page"), []);
  const published = useLoad(
    () => api.get<{ items: ArticleListItem[] }>("/articles", { status: "published" }).then((r) => r.items),
    [],
  );
  const [lead, setLead] = useState<ArticleListItem | null>(null);
  const [top, setTop] = useState<ArticleListItem[]>([]);
  const [adding, setAdding] = useState("");
  const action = useAction();
  useEffect(() => {
    if (!page.data) return;
    setLead(page.data.lead);
    setTop(page.data.top);
  }, [page.data]);

  const move = (from: number, to: number) => {
    if (to < 0 || to >= top.length) return;
    const item = top[from]!;
    setTop(moveItem(top, from, to));
    announce(`${item.headline} moved to position ${to + 1} of ${top.length}`);
    const [same, other] = to < from ? ["up", "down"] : ["down", "up"];
    void focusAfterRender([
      attr("aria-label", `Move “${item.headline}” ${same}`),
      attr("aria-label", `Move “${item.headline}” ${other}`),
    ]);
  };
  const dragRow = useDragOrder(move);
  const remove = (i: number) => {
    const item = top[i]!;
    const next = top.filter((t) => t.id !== item.id);
    setTop(next);
    announce(`${item.headline} removed from the top stories`);
    const neighbour = next[i] ?? next[i - 1];
    void focusAfterRender([neighbour ? attr("aria-label", `Remove “${neighbour.headline}”`) : null, "#add-top"]);
  };
  const add = () => {
    const a = byId(adding);
    if (!a) return;
    setTop([...top, a]);
    setAdding("");
    announce(`${a.headline} added at position ${top.length + 1}`);
    void focusAfterRender(["#add-top"]);
  };
  const candidates = (published.data ?? []).filter((a) => a.id !== lead?.id && !top.some((t) => t.id === a.id));
  const byId = (id: string) => (published.data ?? []).find((a) => String(a.id) === id);

  return (
    <>
      <PageTitle title="Front page">Front page</PageTitle>
      <ErrorNote error={page.error ?? published.error ?? action.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            const saved = await api.put<FrontPage>("/front-page", {
              leadId: lead?.id ?? null,
              topIds: top.map((t) => t.id),
            });
            page.set(saved);
            announce("Front page saved: the site shows it now.");
            void focusAfterRender(["#front-save"]);
          });
        }}
      >
        <section class="panel" aria-labelledby="lead-heading">
          <h2 id="lead-heading">Lead story</h2>
          <label class="label-block" for="lead-select">
            Pinned lead
          </label>
          <select
            id="lead-select"
            value={lead ? String(lead.id) : ""}
            onChange={(e) => setLead(byId(e.currentTarget.value) ?? null)}
          >
            <option value="">The latest story (not pinned)</option>
            {lead && <option value={String(lead.id)}>{lead.headline}</option>}
            {candidates.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.headline}
              </option>
            ))}
          </select>
        </section>
        <section class="panel" aria-labelledby="top-heading">
          <h2 id="top-heading">Top stories, in order</h2>
          <p class="hint">Drag a story, or use its Up and Down buttons.</p>
          <ol class="ordered sortable">
            {top.map((item, i) => (
              <li key={item.id} {...dragRow(i)}>
                <span class="grip" aria-hidden="true">
                  ⋮⋮
                </span>
                <span class="grow">{item.headline}</span>
                <span class="row-actions">
                  <MoveButtons index={i} count={top.length} title={item.headline} move={move} />
                  <button
                    type="button"
                    class="small"
                    onClick={() => remove(i)}
                    aria-label={`Remove “${item.headline}”`}
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <label class="label-block" for="add-top">
            Add a published story
          </label>
          <span class="choose-add">
            <select
              id="add-top"
              value={adding}
              onChange={(e) => setAdding(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && adding) {
                  e.preventDefault();
                  add();
                }
              }}
            >
              <option value="">Choose…</option>
              {candidates.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.headline}
                </option>
              ))}
            </select>
            <button type="button" disabled={!adding} onClick={add}>
              Add<span class="sr-only"> to the top stories</span>
            </button>
          </span>
        </section>
        <button type="submit" id="front-save" class="primary" disabled={action.busy || !page.data}>
          Save the front page
        </button>
      </form>
    </>
  );
}
