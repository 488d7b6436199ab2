import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { type ListFilter, countPublishedArticles, listPublishedArticles } from "../articles/article.queries.js";
import { type Author, authorPath } from "../authors/author.js";
import { findAuthorBySlug, listAuthorNames } from "../authors/author.queries.js";
import { MAX_QUERY_CHARS, isEmptyQuery } from "../discovery/search-query.js";
import { searchArticles } from "../discovery/search.queries.js";
import { notFound } from "../platform/errors.js";
import { zonedDayRange } from "../platform/time.js";
import { pageQuery, slugParam, totalPagesFor } from "../platform/http/page-params.js";
import { parseInput } from "../platform/http/parse-input.js";
import { sendPage } from "../platform/http/send-page.js";
import { tagPath } from "../tags/tag.js";
import { findTagBySlug } from "../tags/tag.queries.js";
import { absoluteUrl } from "../pages/site-context.js";
import { type PageDeps, loadSiteContext } from "../pages/page-deps.js";
import { type PageContext, servePage } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { leadWithPicture, loadHomePage } from "./home.page.js";
import { HomePage } from "./views/HomePage.js";
import { ListingPage } from "./views/ListingPage.js";
import { type SearchForm, SearchPage, type SearchPageData } from "./views/SearchPage.js";

export const PER_PAGE = 20;

export function registerSiteRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get("/", async (req, reply) =>
    servePage(deps, req, reply, { key: "/" }, async (page) => ({ html: h(HomePage, await loadHomePage(deps, page)) })),
  );

  app.get("/robots.txt", async (_req, reply) => {
    reply.header("content-type", "text/plain; charset=utf-8").header("cache-control", "public, max-age=3600");
    return [
      "User-agent: *",
      "Disallow: /search",
      "Disallow: /newsletters/",
      "Disallow: /api/",
      "Disallow: /newsroom",
      "",
      `Sitemap: ${deps.config.siteUrl}/sitemap.xml`,
      "",
    ].join("\n");
  });

  app.get<{ Params: { section: string } }>("/:section", async (req, reply) => {
    if (!slugParam.safeParse(req.params.section).success) throw notFound("Section");
    const { page: number } = parseInput(pageQuery, req.query);
    const key = listingKey(`/${req.params.section}`, number);
    return servePage(deps, req, reply, { key }, async (page) => {
      const site = page.site(req.params.section);
      const section = site.sections.find((s) => s.slug === req.params.section);
      if (!section) throw notFound("Section");
      page.tag(pageTags.sectionList(section.slug));
      const listing = await loadListing(deps, page, { sectionId: section.id }, number);
      // The first page is the section's front: its lead is the newest story with a picture.
      if (number === 1) listing.articles = leadWithPicture(listing.articles);
      return {
        html: h(ListingPage, {
          site,
          front: true,
          kind: "Section",
          title: section.name,
          description: section.description || `The latest ${section.name} news from ${site.name}.`,
          basePath: section.url,
          feedBase: `/feeds/section/${section.slug}`,
          ...listing,
        }),
      };
    });
  });

  app.get<{ Params: { slug: string } }>("/tags/:slug", async (req, reply) => {
    if (!slugParam.safeParse(req.params.slug).success) throw notFound("Topic");
    const { page: number } = parseInput(pageQuery, req.query);
    return servePage(deps, req, reply, { key: listingKey(tagPath(req.params.slug), number) }, async (page) => {
      const tag = await findTagBySlug(deps.db, req.params.slug);
      if (!tag) throw notFound("Topic");
      page.tag(pageTags.topic(tag.slug), pageTags.topicList(tag.slug));
      const listing = await loadListing(deps, page, { tagId: tag.id }, number);
      const site = page.site();
      return {
        html: h(ListingPage, {
          site,
          kind: "Topic",
          title: tag.name,
          description: `Stories about ${tag.name} from ${site.name}.`,
          basePath: tagPath(tag.slug),
          feedBase: `/feeds/tag/${tag.slug}`,
          ...listing,
        }),
      };
    });
  });

  app.get<{ Params: { slug: string } }>("/authors/:slug", async (req, reply) => {
    if (!slugParam.safeParse(req.params.slug).success) throw notFound("Author");
    const { page: number } = parseInput(pageQuery, req.query);
    return servePage(deps, req, reply, { key: listingKey(authorPath(req.params.slug), number) }, async (page) => {
      const author = await findAuthorBySlug(deps.db, req.params.slug);
      if (!author) throw notFound("Author");
      page.tag(
        pageTags.author(author.slug),
        pageTags.authorList(author.slug),
        author.photo && pageTags.media(author.photo.id),
      );
      const listing = await loadListing(deps, page, { authorId: author.id }, number);
      const site = page.site();
      const description = author.bio || `${author.name} writes for ${site.name}.`;
      return {
        html: h(ListingPage, {
          site,
          kind: author.role || "Author",
          title: author.name,
          description,
          basePath: authorPath(author.slug),
          feedBase: `/feeds/author/${author.slug}`,
          ...listing,
          intro: <AuthorIntro bio={description} photo={author.photo?.src} name={author.name} links={author.links} />,
          jsonLd: [
            {
              "@context": "https://schema.org",
              "@type": "ProfilePage",
              mainEntity: {
                "@type": "Person",
                name: author.name,
                jobTitle: author.role,
                description,
                url: absoluteUrl(site, author.url),
                ...(author.photo ? { image: absoluteUrl(site, author.photo.src) } : {}),
                ...(author.links.length > 0 ? { sameAs: author.links.map((l) => l.url) } : {}),
              },
            },
          ],
        }),
      };
    });
  });

  app.get("/search", async (req, reply) => {
    const { form, notices } = readSearchForm(req.query as Record<string, unknown>);
    const [site, authors] = await Promise.all([loadSiteContext(deps), listAuthorNames(deps.db)]);
    if (form.section && !site.sections.some((s) => s.slug === form.section)) {
      notices.push("There is no such section, so every section was searched.");
      form.section = "";
    }
    if (form.author && !authors.some((a) => a.slug === form.author)) {
      notices.push("There is no such author, so every author was searched.");
      form.author = "";
    }
    let results: SearchPageData["results"];
    if (form.q.trim()) {
      const range = (iso: string) => zonedDayRange(iso, deps.config.timeZone);
      const found = await searchArticles(deps.reader, {
        q: form.q,
        ...(form.section ? { section: form.section } : {}),
        ...(form.author ? { author: form.author } : {}),
        ...(form.from ? { from: range(form.from).start } : {}),
        ...(form.to ? { to: range(form.to).end } : {}),
        sort: form.sort,
        page: form.page,
        perPage: SEARCH_PER_PAGE,
        now: deps.now(),
      });
      if (found.query.truncated) notices.push(`Only the first ${MAX_QUERY_CHARS} characters of the search were used.`);
      if (isEmptyQuery(found.query)) notices.push("Search for a word: common words such as “the” are not searched.");
      results = { total: found.total, hits: found.results, perPage: SEARCH_PER_PAGE };
    }
    return sendPage(reply, h(SearchPage, { site, form, authors, results, notices }), { cache: "private" });
  });
}

const SEARCH_PER_PAGE = 10;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (v: unknown) => {
  const value = first(v);
  return typeof value === "string" ? value : "";
};
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T12:00:00Z`));

/** The search form as submitted: anything unusable is dropped with a notice, never an error page. */
function readSearchForm(query: Record<string, unknown>): { form: SearchForm; notices: string[] } {
  const notices: string[] = [];
  const slug = (v: string) => (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v) && v.length <= 120 ? v : "");
  const date = (v: string, label: string) => {
    if (!v) return "";
    if (isDate(v)) return v;
    notices.push(`“${v.slice(0, 40)}” is not a date (use YYYY-MM-DD), so the ${label} date was not used.`);
    return "";
  };
  const page = Number(text(query.page) || "1");
  let from = date(text(query.from), "from");
  let to = date(text(query.to), "to");
  if (from && to && from > to) [from, to] = [to, from];
  return {
    form: {
      q: text(query.q).replace(/[\u0000-\u001f\u007f]/g, " "),
      section: slug(text(query.section)),
      author: slug(text(query.author)),
      from,
      to,
      sort: text(query.sort) === "newest" ? "newest" : "relevance",
      page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
    },
    notices,
  };
}

/** A listing's cache key: its path, and the page number past the first. */
const listingKey = (path: string, page: number) => (page > 1 ? `${path}?page=${page}` : path);

/** One page of a listing: the count bounds the page number (past the end is 404), then the page. */
async function loadListing(
  deps: PageDeps,
  context: PageContext,
  filter: Omit<ListFilter, "limit" | "offset">,
  page: number,
) {
  const totalPages = totalPagesFor(await countPublishedArticles(deps.db, filter), PER_PAGE);
  if (page > totalPages) throw notFound("Page");
  const articles = await listPublishedArticles(deps.db, { ...filter, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
  context.tag(
    ...articles.map((a) => pageTags.article(a.id)),
    ...articles.map((a) => a.hero && pageTags.media(a.hero.id)),
  );
  return { page, totalPages, articles };
}

function AuthorIntro(props: { bio: string; photo: string | undefined; name: string; links: Author["links"] }) {
  return (
    <div class="author-intro">
      {props.photo && (
        <img src={props.photo} alt={`Portrait of ${props.name}`} width={96} height={96} class="author-photo" />
      )}
      <div>
        <p class="listing-description">{props.bio}</p>
        {props.links.length > 0 && (
          <ul class="author-links" aria-label={`${props.name} elsewhere`}>
            {props.links.map((l) => (
              <li>
                <a href={l.url} rel="me noopener">
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
