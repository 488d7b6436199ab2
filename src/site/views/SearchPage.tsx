import type { SearchHit } from "../../discovery/search.queries.js";
import type { Segment } from "../../discovery/search-query.js";
import { formatShortDate, toZonedIso } from "../../platform/time.js";
import { type SiteContext, navSections } from "../../pages/site-context.js";
import { Layout } from "../../pages/views/Layout.js";

export interface SearchForm {
  q: string;
  section: string;
  author: string;
  from: string;
  to: string;
  sort: "relevance" | "newest";
  page: number;
}

export interface SearchPageData {
  site: SiteContext;
  form: SearchForm;
  authors: { slug: string; name: string }[];
  /** Absent when nothing was searched. */
  results?: { total: number; hits: SearchHit[]; perPage: number };
  /** Things in the request we could not use, said plainly. */
  notices: string[];
}

export const searchHref = (form: SearchForm, changes: Partial<SearchForm> = {}) => {
  const next = { ...form, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.section) params.set("section", next.section);
  if (next.author) params.set("author", next.author);
  if (next.from) params.set("from", next.from);
  if (next.to) params.set("to", next.to);
  if (next.sort !== "relevance") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
};

function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.match ? <mark>{s.text}</mark> : s.text))}</>;
}

export function SearchPage({ site, form, authors, results, notices }: SearchPageData) {
  const filtered = Boolean(form.section || form.author || form.from || form.to);
  const totalPages = results ? Math.max(1, Math.ceil(results.total / results.perPage)) : 1;
  return (
    <Layout
      site={site}
      meta={{
        title: form.q ? `Search: ${form.q.slice(0, 80)}` : "Search",
        description: `Search ${site.name}.`,
        path: "/search",
        noindex: true,
      }}
    >
      <div class="wrap listing search-page">
        <header class="listing-header">
          <h1>Search</h1>
          <form role="search" aria-label="Archive" action="/search" method="get" class="search-inline">
            <label for="search-q">Search {site.name}</label>
            <input id="search-q" type="search" name="q" value={form.q} aria-describedby="search-hint" />
            <button type="submit">Search</button>
            <p id="search-hint" class="search-hint">
              Every word must match; put a phrase in "quotes" to find it word for word.
            </p>
            <details class="search-more" open={filtered || form.sort !== "relevance"}>
              <summary>Filters and order</summary>
              <fieldset class="search-filters">
                <legend>Narrow the search</legend>
                <label>
                  Section
                  <select name="section">
                    <option value="">All sections</option>
                    {navSections(site).map((s) => (
                      <option value={s.slug} selected={s.slug === form.section}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Author
                  <select name="author">
                    <option value="">Any author</option>
                    {authors.map((a) => (
                      <option value={a.slug} selected={a.slug === form.author}>
                        {a.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  From
                  <input type="date" name="from" value={form.from} />
                </label>
                <label>
                  To
                  <input type="date" name="to" value={form.to} />
                </label>
                <label>
                  Order
                  <select name="sort">
                    <option value="relevance" selected={form.sort === "relevance"}>
                      Best match
                    </option>
                    <option value="newest" selected={form.sort === "newest"}>
                      Newest first
                    </option>
                  </select>
                </label>
              </fieldset>
            </details>
          </form>
        </header>

        {notices.length > 0 && (
          <ul class="search-notices">
            {notices.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        )}

        {results && (
          <p class="search-summary" role="status">
            {results.total === 0
              ? `No stories match “${form.q.slice(0, 120)}”${filtered ? " with these filters" : ""}.`
              : `${results.total.toLocaleString("en-GB")} ${results.total === 1 ? "story matches" : "stories match"} “${form.q.slice(0, 120)}”${
                  totalPages > 1 ? `; page ${form.page} of ${totalPages}` : ""
                }.`}
          </p>
        )}

        {results && results.total === 0 && (
          <div class="search-empty">
            {filtered && (
              <p>
                <a href={searchHref(form, { section: "", author: "", from: "", to: "", page: 1 })}>
                  Search every section and date instead
                </a>
              </p>
            )}
            <p>Try fewer or different words, or browse a section:</p>
            <ul class="error-links">
              {navSections(site).map((s) => (
                <li>
                  <a href={s.url}>{s.name}</a>
                </li>
              ))}
            </ul>
          </div>
        )}

        {results && results.hits.length > 0 && (
          <ol class="search-results" start={(form.page - 1) * results.perPage + 1}>
            {results.hits.map(({ article, headline, snippet }) => (
              <li class="search-result">
                <h2 class="search-result-headline">
                  <a href={article.url}>
                    <Marked segments={headline} />
                  </a>
                </h2>
                <p class="search-result-snippet">
                  <Marked segments={snippet} />
                </p>
                <p class="card-meta">
                  <a href={`/${article.section.slug}`} class="card-section">
                    {article.section.name}
                  </a>{" "}
                  <time dateTime={toZonedIso(article.publishedAt, site.timeZone)}>
                    {formatShortDate(article.publishedAt, site.timeZone)}
                  </time>
                </p>
              </li>
            ))}
          </ol>
        )}

        {results && totalPages > 1 && (
          <nav class="pagination" aria-label="Result pages">
            {form.page > 1 && (
              <a href={searchHref(form, { page: form.page - 1 })} rel="prev">
                Previous results
              </a>
            )}
            <span>
              Page {form.page} of {totalPages}
            </span>
            {form.page < totalPages && (
              <a href={searchHref(form, { page: form.page + 1 })} rel="next">
                More results
              </a>
            )}
          </nav>
        )}
      </div>
    </Layout>
  );
}
