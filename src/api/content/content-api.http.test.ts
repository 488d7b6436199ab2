import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { z } from "zod";
import { refreshRelatedArticles } from "../../discovery/related-lists.js";
import { buildApp } from "../../app.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { buildArticle } from "../../../test/support/factories.js";
import { NOW, buildNewsroom } from "../../../test/support/newsroom-fixture.js";
import {
  apiSchemas,
  articleListSchema,
  articleSchema,
  errorSchema,
  listArticlesQuery,
  searchQuery,
  searchResultsSchema,
} from "./content-api.schemas.js";
import type { JsonSchema } from "../../pages/views/api-reference/json-schema.js";
import type { OpenApiDocument } from "./openapi.js";

// The Content API over HTTP on both engines, on the newsroom fixture plus a story embargoed until
// tomorrow and two stories published at the same instant (the cursor must order them by id).

type ArticleList = z.output<typeof articleListSchema>;

const SITE = "http://localhost:3000";
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);

/** Every published, visible story, newest first (ties: the higher id first). */
const ALL = [
  "night-buses-return",
  "ferries-in-rotterdam",
  "just-after-midnight",
  "late-yesterday",
  "same-instant-b",
  "same-instant-a",
  "library-hours",
];

describeEachDatabase("content API", (get) => {
  let app: FastifyInstance;
  let f: Awaited<ReturnType<typeof buildNewsroom>>;

  beforeAll(async () => {
    const { handle, config } = get();
    const db = handle.db;
    f = await buildNewsroom(db);
    await buildArticle(db, {
      sectionId: f.uk.id,
      slug: "embargoed-until-tomorrow",
      headline: "Filed tomorrow under embargo",
      publishedAt: new Date(NOW.getTime() + 24 * 3600_000),
      tagIds: [f.transport.id, f.housing.id],
      authorIds: [f.ada.id],
    });
    await buildArticle(db, { sectionId: f.world.id, slug: "same-instant-a", publishedAt: hoursAgo(12) });
    await buildArticle(db, { sectionId: f.world.id, slug: "same-instant-b", publishedAt: hoursAgo(12) });
    // The embargoed story shares the lead's section and topics: it ranks first in the stored list.
    await refreshRelatedArticles(db, [f.lead.id]);
    app = await buildApp({ config, db, now: () => NOW, logger: false });
  });
  afterAll(() => app?.close());

  const getJson = async (url: string, status = 200) => {
    const res = await app.inject(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    return res.json() as unknown;
  };
  const list = async (query: string) => articleListSchema.parse(await getJson(`/api/content/articles${query}`));
  const slugs = (page: ArticleList) => page.data.map((a) => a.slug);
  const expectError = async (url: string, status: number, code: string) => {
    const body = errorSchema.parse(await getJson(url, status));
    expect(body.error.code, url).toBe(code);
    expect(body.error.message.length, url).toBeGreaterThan(0);
    return body;
  };

  it("lists published stories newest first, with absolute URLs, bylines, topics and hero", async () => {
    const page = await list("");
    expect(slugs(page)).toEqual(ALL);
    expect(page.next_cursor).toBeNull();
    expect(page.data[0]).toEqual({
      slug: "night-buses-return",
      url: `${SITE}/uk/night-buses-return`,
      kicker: "Transport",
      headline: "Night buses return to the river crossings",
      standfirst: "Six routes restored after a two-year gap.",
      section: { slug: "uk", name: "UK" },
      authors: [
        { slug: "ada-okafor", name: "Ada Okafor" },
        { slug: "ben-marsh", name: "Ben Marsh" },
      ],
      tags: [
        { slug: "housing", name: "Housing" },
        { slug: "transport", name: "Transport" },
      ],
      published_at: "2026-07-01T08:00:00.000Z",
      updated_at: "2026-07-01T09:00:00.000Z",
      hero: { url: `${SITE}/media/images/test/hero.jpg`, alt: "The river at dawn", width: 1600, height: 900 },
    });
    expect(page.data[1]).toMatchObject({ slug: "ferries-in-rotterdam", authors: [{ slug: "ben-marsh" }], hero: null });
  });

  it("filters by section, topic, author and date, alone and together", async () => {
    expect(slugs(await list("?section=uk"))).toEqual(["night-buses-return", "library-hours"]);
    expect(slugs(await list("?tag=transport"))).toEqual(["night-buses-return", "ferries-in-rotterdam"]);
    expect(slugs(await list("?author=ada-okafor"))).toEqual(["night-buses-return", "library-hours"]);
    expect(slugs(await list("?since=2026-07-01T00:00:00Z"))).toEqual(["night-buses-return", "ferries-in-rotterdam"]);
    // At or after: 06:00 BST is 05:00 UTC, the second story's publication to the millisecond.
    expect(slugs(await list("?since=2026-07-01T06:00:00%2B01:00"))).toEqual([
      "night-buses-return",
      "ferries-in-rotterdam",
    ]);
    expect(slugs(await list("?section=world&tag=transport&author=ben-marsh"))).toEqual(["ferries-in-rotterdam"]);
    expect(slugs(await list("?section=world&author=ada-okafor"))).toEqual([]);
    expect(slugs(await list("?limit=3"))).toEqual(ALL.slice(0, 3));
  });

  it("refuses invalid and unknown parameters with a JSON 400", async () => {
    for (const query of [
      "?limit=0",
      "?limit=51",
      "?limit=ten",
      "?limit=1&limit=2",
      "?since=yesterday",
      "?since=2026-07-01",
      "?section=UK!",
      "?section=nowhere",
      "?tag=no-such-topic",
      "?author=nobody",
      "?page=2",
      "?sort=oldest",
    ]) {
      await expectError(`/api/content/articles${query}`, 400, "VALIDATION_FAILED");
    }
    const unknown = await expectError("/api/content/articles?tag=no-such-topic", 400, "VALIDATION_FAILED");
    expect(unknown.error.details).toEqual([{ path: "tag", message: "No tag has this slug" }]);
  });

  it("pages through every story with the cursor, without duplicates or gaps", async () => {
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
        const page = await list(query);
        expect(page.data.length, query).toBeLessThanOrEqual(limit);
        seen.push(...slugs(page));
        cursor = page.next_cursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen, `limit ${limit}`).toEqual(ALL);
      expect(pages).toBe(Math.ceil(ALL.length / limit));
    }
    // The cursor keeps the filters' company: the second page of a section is that section's.
    const first = await list("?section=uk&limit=1");
    expect(slugs(first)).toEqual(["night-buses-return"]);
    const second = await list(`?section=uk&limit=1&cursor=${first.next_cursor}`);
    expect(slugs(second)).toEqual(["library-hours"]);
    expect(second.next_cursor).toBeNull();
  });

  it("refuses a damaged or forged cursor with a clear 400", async () => {
    const { next_cursor } = await list("?limit=2");
    expect(next_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const damaged = `f${next_cursor!.slice(1)}`; // the first byte is no longer "{"
    const forged = Buffer.from(JSON.stringify({ v: 1, p: "tomorrow", i: 1 })).toString("base64url");
    const extra = Buffer.from(JSON.stringify({ v: 1, p: "2026-07-01T08:00:00.000Z", i: 1, x: 1 })).toString(
      "base64url",
    );
    for (const cursor of [damaged, forged, extra, "not*base64", `${next_cursor}A`, "e30"]) {
      const body = await expectError(`/api/content/articles?cursor=${cursor}`, 400, "VALIDATION_FAILED");
      expect(body.error.details?.[0]?.path, cursor).toBe("cursor");
      expect(body.error.message).toContain("cursor");
    }
  });

  it("serves the full article: body, hero credit, related stories and corrections", async () => {
    const article = articleSchema.parse(await getJson("/api/content/articles/night-buses-return"));
    expect(article).toMatchObject({
      slug: "night-buses-return",
      url: `${SITE}/uk/night-buses-return`,
      hero: {
        url: `${SITE}/media/images/test/hero.jpg`,
        alt: "The river at dawn",
        width: 1600,
        height: 900,
        caption: "Hero caption",
        credit: "Hero credit",
      },
      corrections: [
        { kind: "correction", text: "An earlier version misnamed the depot.", created_at: "2026-07-01T09:00:00.000Z" },
      ],
    });
    expect(article.body.content.map((b) => b.type)).toEqual(["paragraph", "pullQuote", "image"]);
    expect(article.body.content[0]).toEqual({
      type: "paragraph",
      content: [{ type: "text", text: "The first bus left at midnight." }],
    });
    const related = article.related.map((a) => a.slug);
    expect(related).toContain("ferries-in-rotterdam");
    expect(related).toContain("library-hours");
    for (const hidden of ["night-buses-return", "unfinished-draft", "embargoed-until-tomorrow"]) {
      expect(related).not.toContain(hidden);
    }
    const ferries = article.related.find((a) => a.slug === "ferries-in-rotterdam")!;
    expect(ferries).toMatchObject({
      url: `${SITE}/world/ferries-in-rotterdam`,
      authors: [{ slug: "ben-marsh", name: "Ben Marsh" }],
      tags: [{ slug: "transport", name: "Transport" }],
    });

    const plain = articleSchema.parse(await getJson("/api/content/articles/library-hours"));
    expect(plain.hero).toBeNull();
    expect(plain.corrections).toEqual([]);
  });

  it("answers 404 for unknown, draft and embargoed stories, and 301 for a renamed one", async () => {
    for (const slug of ["no-such-story", "unfinished-draft", "embargoed-until-tomorrow", "Not_A_Slug"]) {
      await expectError(`/api/content/articles/${slug}`, 404, "NOT_FOUND");
    }
    const moved = await app.inject("/api/content/articles/night-buses-come-back");
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe("/api/content/articles/night-buses-return");
    expect(moved.headers["access-control-allow-origin"]).toBe("*");
    await expectError("/api/content/articles/night-buses-return?fields=all", 400, "VALIDATION_FAILED");
  });

  it("never lists drafts or embargoed stories", async () => {
    const everything = await list("?limit=50");
    expect(slugs(everything)).not.toContain("unfinished-draft");
    expect(slugs(everything)).not.toContain("embargoed-until-tomorrow");
  });

  it("searches published stories, page by page", async () => {
    const search = async (query: string) => searchResultsSchema.parse(await getJson(`/api/content/search${query}`));
    const night = await search("?q=night");
    // Whole words (with their other forms), in headlines and text: "midnight" is another word.
    expect(night.data.map((a) => a.slug).sort()).toEqual(["late-yesterday", "night-buses-return"]);
    expect(night).toMatchObject({ query: "night", page: 1, limit: 20, next_page: null });
    expect(night.data.find((a) => a.slug === "night-buses-return")!.authors.map((a) => a.slug)).toEqual([
      "ada-okafor",
      "ben-marsh",
    ]);
    // "Filed" is in two published headlines and the embargoed one.
    const first = await search("?q=filed&limit=1");
    expect(first.data).toHaveLength(1);
    expect(first.next_page).toBe(2);
    const second = await search("?q=filed&limit=1&page=2");
    expect([...first.data, ...second.data].map((a) => a.slug).sort()).toEqual([
      "just-after-midnight",
      "late-yesterday",
    ]);
    expect(second.next_page).toBeNull();
    expect((await search("?q=%25")).data).toEqual([]);
    expect((await search("?q=draft%20nobody")).data).toEqual([]);
    for (const query of ["", "?q=", "?q=%20%20", "?q=night&page=0", "?q=night&limit=99", "?q=night&sort=new"]) {
      await expectError(`/api/content/search${query}`, 400, "VALIDATION_FAILED");
    }
  });

  it("makes responses cacheable with an ETag, and answers 304 when it still matches", async () => {
    const res = await app.inject("/api/content/articles?section=uk");
    expect(res.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await app.inject({ url: "/api/content/articles?section=uk", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    expect(again.headers["access-control-allow-origin"]).toBe("*");
    const listed = await app.inject({
      url: "/api/content/articles?section=uk",
      headers: { "if-none-match": `"other", ${etag.slice(2)}` },
    });
    expect(listed.statusCode).toBe(304);
    const other = await app.inject({ url: "/api/content/articles?section=world", headers: { "if-none-match": etag } });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
    for (const url of ["/api/content/articles/night-buses-return", "/api/content/search?q=night"]) {
      const r = await app.inject(url);
      expect(r.headers["cache-control"], url).toBe("public, max-age=60, stale-while-revalidate=300");
      const r2 = await app.inject({ url, headers: { "if-none-match": String(r.headers.etag) } });
      expect(r2.statusCode, url).toBe(304);
    }
  });

  it("answers JSON errors on every /api path, known or not", async () => {
    for (const url of ["/api", "/api/", "/api/content", "/api/other/thing", "/api/content/nothing-here"]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/json/);
      expect(errorSchema.parse(res.json()).error.code, url).toBe("NOT_FOUND");
    }
    const post = await app.inject({ method: "POST", url: "/api/content/articles" });
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    expect(errorSchema.parse(post.json()).error.code).toBe("METHOD_NOT_ALLOWED");
    expect(post.headers["access-control-allow-origin"]).toBe("*");
  });

  it("describes itself in an OpenAPI 3.1 document built from the schemas it validates with", async () => {
    const spec = (await getJson("/api/content/openapi.json")) as OpenApiDocument;
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.info.title).toBe("London Daily Content API");
    expect(spec.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(spec.servers).toEqual([{ url: SITE }]);
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        "/api/content/articles",
        "/api/content/articles/{slug}",
        "/api/content/docs",
        "/api/content/openapi.json",
        "/api/content/search",
      ].sort(),
    );
    const names = Object.keys(spec.components.schemas);
    const refs: string[] = [];
    JSON.stringify(spec, (key, value: unknown) => {
      if (key === "$ref") refs.push(value as string);
      return value;
    });
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs)
      expect(
        names.map((n) => `#/components/schemas/${n}`),
        ref,
      ).toContain(ref);

    const ids = new Set<string>();
    for (const [path, item] of Object.entries(spec.paths)) {
      const op = item.get;
      expect(ids.has(op.operationId), path).toBe(false);
      ids.add(op.operationId);
      expect(op.summary && op.description, path).toBeTruthy();
      expect(op.responses["200"], path).toBeDefined();
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${path} ${status}`).toBeTruthy();
        for (const media of Object.values(response.content ?? {}))
          expect(media.schema, `${path} ${status}`).toBeTruthy();
      }
      for (const p of op.parameters) expect(p.schema.type ?? p.schema.anyOf, `${path} ${p.name}`).toBeDefined();
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        expect(op.parameters.find((p) => `{${p.name}}` === name && p.in === "path")?.required, name).toBe(true);
      }
    }
    // The documented query parameters are exactly those the routes validate.
    const queryNames = (path: string) =>
      spec.paths[path]!.get.parameters.filter((p) => p.in === "query").map((p) => p.name);
    expect(queryNames("/api/content/articles")).toEqual(Object.keys(listArticlesQuery.shape));
    expect(queryNames("/api/content/search")).toEqual(Object.keys(searchQuery.shape));
    const q = spec.paths["/api/content/search"]!.get.parameters.find((p) => p.name === "q")!;
    expect(q.required).toBe(true);
    const limit = spec.paths["/api/content/articles"]!.get.parameters.find((p) => p.name === "limit")!;
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 50, default: 20 });
    const summary = spec.components.schemas.ArticleSummary as JsonSchema;
    expect(Object.keys(summary.properties ?? {})).toContain("published_at");
    expect(summary.additionalProperties).toBe(false);
  });

  it("returns, for every documented response, what its documented schema accepts", async () => {
    const spec = (await getJson("/api/content/openapi.json")) as OpenApiDocument;
    const bySchemaId: Record<string, z.ZodType> = {};
    for (const schema of [articleListSchema, articleSchema, searchResultsSchema, errorSchema]) {
      bySchemaId[apiSchemas.get(schema)!.id] = schema;
    }
    const samples: [string, string, string][] = [
      ["/api/content/articles", "/api/content/articles", "200"],
      ["/api/content/articles", "/api/content/articles?tag=transport&limit=1", "200"],
      ["/api/content/articles", "/api/content/articles?cursor=broken", "400"],
      ["/api/content/articles/{slug}", "/api/content/articles/night-buses-return", "200"],
      ["/api/content/articles/{slug}", "/api/content/articles/no-such-story", "404"],
      ["/api/content/articles/{slug}", "/api/content/articles/night-buses-come-back", "301"],
      ["/api/content/search", "/api/content/search?q=night", "200"],
      ["/api/content/search", "/api/content/search?q=", "400"],
    ];
    for (const [path, url, status] of samples) {
      const res = await app.inject(url);
      expect(String(res.statusCode), url).toBe(status);
      const documented = spec.paths[path]!.get.responses[status];
      expect(documented, `${url} ${status} is documented`).toBeDefined();
      const media = documented!.content?.["application/json"];
      if (!media) {
        expect(res.body, url).toBe("");
        continue;
      }
      const id = media.schema.$ref!.replace("#/components/schemas/", "");
      expect(bySchemaId[id], id).toBeDefined();
      const parsed = bySchemaId[id]!.safeParse(res.json());
      expect(parsed.error?.issues ?? [], url).toEqual([]);
    }
  });

  it("serves an HTML reference generated from the OpenAPI document, with no inline script or style", async () => {
    const res = await app.inject("/api/content/docs");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
    const html = res.body;
    expect(html).toContain("<h1>London Daily Content API</h1>");
    const spec = (await getJson("/api/content/openapi.json")) as OpenApiDocument;
    for (const [path, item] of Object.entries(spec.paths)) {
      expect(html).toContain(
        `<h2 id="op-${item.get.operationId}"><span class="api-method">GET</span> <code>${path}</code></h2>`,
      );
      for (const p of item.get.parameters) expect(html, `${path} ${p.name}`).toContain(`<code>${p.name}</code>`);
    }
    for (const name of Object.keys(spec.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
    expect(html).toContain(`<code>GET ${SITE}/api/content/articles?section=uk&amp;limit=5</code>`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=/);
  });
});
