import { plural } from "../../../platform/plural.js";
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { formatLondon } from "../london-time.js";
import { ErrorNote, PageTitle, useAction, useCan, useLoad } from "../hooks.js";
import { loadAuthors, loadSections } from "../lookups.js";
import { href, navigate, useRoute } from "../router.js";
import { type ArticleDraft, type ArticleListItem, STATUS_LABELS, type Status } from "../types.js";

// The article list (every filter in the URL, so a filtered list can be shared and reloaded) and
// the editors' review queue.

export function ArticleList({ mode }: { mode: "all" | "review" }) {
  const { query } = useRoute();
  const can = useCan();
  const [q, setQ] = useState(query.get("q") ?? "");
  const filters = {
    status: query.get("status") ?? "",
    mine: query.get("mine") === "1",
    sectionId: query.get("sectionId") ?? "",
    authorId: query.get("authorId") ?? "",
    q: query.get("q") ?? "",
  };
  const key = JSON.stringify(filters);
  const sections = useLoad(loadSections, []);
  const authors = useLoad(loadAuthors, []);
  const [more, setMore] = useState<ArticleListItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const list = useLoad(async () => {
    setMore([]);
    if (mode === "review") {
      const res = await api.get<{ items: ArticleListItem[] }>("/review-queue", {
        sectionId: filters.sectionId,
        authorId: filters.authorId,
      });
      setNext(null);
      return res.items;
    }
    const res = await api.get<{ items: ArticleListItem[]; next: string | null }>("/articles", {
      status: filters.status,
      q: filters.q,
      sectionId: filters.sectionId,
      mine: filters.mine ? "true" : undefined,
    });
    setNext(res.next ?? null);
    return res.items;
  }, [key, mode]);
  const create = useAction();

  const setFilter = (name: string, value: string) => {
    const params = new URLSearchParams(location.search);
    if (value) params.set(name, value);
    else params.delete(name);
    const qs = params.toString();
    navigate(`${mode === "review" ? "/review" : "/"}${qs ? `?${qs}` : ""}`, { replace: true });
  };
  useEffect(() => setQ(filters.q), [filters.q]);

  const loadMore = async () => {
    if (!next) return;
    const res = await api.get<{ items: ArticleListItem[]; next: string | null }>("/articles", {
      status: filters.status,
      q: filters.q,
      sectionId: filters.sectionId,
      mine: filters.mine ? "true" : undefined,
      cursor: next,
    });
    setMore((m) => [...m, ...res.items]);
    setNext(res.next ?? null);
  };

  const newArticle = () =>
    void create.run(async () => {
      const draft = await api.post<ArticleDraft>("/articles", {});
      navigate(`/articles/${draft.id}`);
    });

  const title = mode === "review" ? "Review queue" : "Articles";
  const rows = [...(list.data ?? []), ...more];
  const sectionName = (item: ArticleListItem) =>
    item.section?.name ?? sections.data?.find((s) => s.id === item.sectionId)?.name ?? "—";
  return (
    <>
      <div class="view-head">
        <PageTitle title={title}>{title}</PageTitle>
        {mode === "all" && can("article.create") && (
          <button type="button" class="primary" onClick={newArticle} disabled={create.busy}>
            New article
          </button>
        )}
      </div>
      <ErrorNote error={create.error} />
      <form
        class="filters"
        role="search"
        aria-label={`Filter the ${title.toLowerCase()}`}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter("q", q.trim());
        }}
      >
        {mode === "all" && (
          <>
            <label>
              Search
              <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
            </label>
            <label>
              Status
              <select value={filters.status} onChange={(e) => setFilter("status", e.currentTarget.value)}>
                <option value="">Any</option>
                {(Object.keys(STATUS_LABELS) as Status[]).map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          Section
          <select value={filters.sectionId} onChange={(e) => setFilter("sectionId", e.currentTarget.value)}>
            <option value="">Any</option>
            {sections.data?.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {mode === "review" ? (
          <label>
            Author
            <select value={filters.authorId} onChange={(e) => setFilter("authorId", e.currentTarget.value)}>
              <option value="">Any</option>
              {authors.data?.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label class="check">
            <input
              type="checkbox"
              checked={filters.mine}
              onChange={(e) => setFilter("mine", e.currentTarget.checked ? "1" : "")}
            />
            Only mine
          </label>
        )}
        {mode === "all" && <button type="submit">Search</button>}
      </form>
      <ErrorNote error={list.error} />
      <p class="sr-only" aria-live="polite">
        {list.loading ? "Loading…" : plural(rows.length, "article")}
      </p>
      {!list.loading && rows.length === 0 && (
        <p class="empty">{mode === "review" ? "Nothing is waiting for review." : "No articles match."}</p>
      )}
      {rows.length > 0 && (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Status</th>
              <th scope="col" class="wide-only">
                Section
              </th>
              <th scope="col" class="wide-only">
                Authors
              </th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={href(`/articles/${item.id}`)}>{item.headline || "Untitled"}</a>
                  {item.breaking && <span class="badge badge-breaking">Breaking</span>}
                </td>
                <td>
                  <span class={`status status-${item.status}`}>{STATUS_LABELS[item.status] ?? item.status}</span>
                  {item.pendingChanges && <span class="badge badge-pending">Unpublished changes</span>}
                </td>
                <td class="wide-only">{sectionName(item)}</td>
                <td class="wide-only">
                  {item.authors?.map((a) => (typeof a === "string" ? a : a.name)).join(", ") || "—"}
                </td>
                <td>{formatLondon(item.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void loadMore()}>
          More articles
        </button>
      )}
    </>
  );
}
