import { type SiteContext, navSections } from "../site-context.js";
import { Layout } from "./Layout.js";

const copy: Record<number, { title: string; text: string }> = {
  400: { title: "That request could not be read", text: "The address or form had something we could not understand." },
  404: {
    title: "Page not found",
    text: "We could not find that page. It may have moved, or the address may be mistyped.",
  },
  405: { title: "That cannot be done here", text: "This address does not take that kind of request." },
  410: { title: "This story has been removed", text: "The page you asked for was taken down by the newsroom." },
  429: { title: "Too many requests", text: "Please wait a moment and try again." },
  500: {
    title: "Something went wrong",
    text: "Our systems hit a problem showing this page. It has been logged; please try again shortly.",
  },
  503: {
    title: "We will be back shortly",
    text: "The site cannot reach its archive just now. Please try again in a minute.",
  },
};

export function ErrorPage({ site, status, path }: { site: SiteContext; status: number; path: string }) {
  const { title, text } = copy[status] ?? copy[500]!;
  return (
    <Layout site={site} meta={{ title, description: text, path, noindex: true }}>
      <div class="wrap error-page">
        <p class="kicker">Error {status}</p>
        <h1>{title}</h1>
        <p>{text}</p>
        <ul class="error-links">
          <li>
            <a href="/">Go to the front page</a>
          </li>
          {navSections(site)
            .slice(0, 6)
            .map((s) => (
              <li>
                <a href={s.url}>{s.name}</a>
              </li>
            ))}
        </ul>
        <form role="search" aria-label="Archive" action="/search" method="get" class="search-inline">
          <label for="error-search">Search {site.name}</label>
          <input id="error-search" type="search" name="q" maxLength={200} />
          <button type="submit">Search</button>
        </form>
      </div>
    </Layout>
  );
}
