import type { ArticleSummary } from "../../articles/article.js";
import type { SiteContext } from "../site-context.js";
import { ArticleCard } from "./ArticleCard.js";
import { Layout } from "./Layout.js";

export function SearchPage({ site, query, results }: { site: SiteContext; query: string; results: ArticleSummary[] }) {
  return (
    <Layout
      site={site}
      meta={{
        title: query ? `Search: ${query}` : "Search",
        description: `Search ${site.name}.`,
        path: "/search",
        noindex: true,
      }}
    >
      <div class="wrap listing">
        <header class="listing-header">
          <h1>Search</h1>
          <form role="search" aria-label="Archive" action="/search" method="get" class="search-inline">
            <label for="search-q">Search {site.name}</label>
            <input id="search-q" type="search" name="q" value={query} maxLength={200} />
            <button type="submit">Search</button>
          </form>
        </header>
        {query && (
          <p class="search-summary" role="status">
            {results.length === 0
              ? `No stories match “${query}”. Try fewer words, or browse a section.`
              : `${results.length} ${results.length === 1 ? "story matches" : "stories match"} “${query}”.`}
          </p>
        )}
        {results.length === 0 && query && (
          <ul class="error-links">
            {site.sections.map((s) => (
              <li>
                <a href={s.url}>{s.name}</a>
              </li>
            ))}
          </ul>
        )}
        <div class="card-grid card-grid-wide">
          {results.map((a) => (
            <ArticleCard article={a} timeZone={site.timeZone} level={2} />
          ))}
        </div>
      </div>
    </Layout>
  );
}
