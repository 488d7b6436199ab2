import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { describeEachDatabase } from "../../test/support/databases.js";
import { WEBHOOK_EVENTS } from "../platform/webhooks/event-types.js";
import { SCOPE_NAMES } from "./scopes.js";
import { ADMIN_DOCS_PATH } from "./views/AdminApiDocsPage.js";

// The Admin API's reference page and OpenAPI document: public (reading needs no key), generated
// from the catalogue, the handlers' schemas and the webhook payload schemas, so every endpoint,
// scope and event is on the page. (Its markup is checked by the Nu Html Checker in
// src/site/html-validity.http.test.ts, and by axe in test/browser/newsroom-integrations.test.ts.)

interface Spec {
  paths: Record<string, Record<string, { operationId: string; summary: string }>>;
  webhooks: Record<string, { post: { requestBody: { content: { "application/json": { schema: object } } } } }>;
  "x-scopes": { name: string }[];
}

describeEachDatabase("the Admin API's reference", (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: get().config, db: get().handle.db, logger: false });
  });
  afterAll(() => app?.close());

  it("lists every event under webhooks in the OpenAPI document, with its payload's schema", async () => {
    const spec = (await app.inject("/api/admin/v1/openapi.json")).json<Spec>();
    expect(Object.keys(spec.webhooks).sort()).toEqual([...WEBHOOK_EVENTS, "webhook.test"].sort());
    const sent = spec.webhooks["newsletter.edition_sent"]!.post.requestBody.content["application/json"].schema;
    expect(JSON.stringify(sent)).toContain('"deliveries"');
    expect(spec["x-scopes"].map((s) => s.name)).toEqual(SCOPE_NAMES);
    // The body of "register a webhook" offers exactly these events.
    expect(JSON.stringify(spec.paths["/webhooks"]!.post)).toContain('"wire.item_received"');
  });

  it("serves the reference page to anyone, made from that document", async () => {
    const res = await app.inject(ADMIN_DOCS_PATH);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    const html = res.body;
    expect(html).toContain("<h1>London Daily Admin API</h1>");
    const spec = (await app.inject("/api/admin/v1/openapi.json")).json<Spec>();
    let operations = 0;
    for (const [path, item] of Object.entries(spec.paths))
      for (const [method, op] of Object.entries(item)) {
        operations += 1;
        expect(html, `${method} ${path}`).toContain(
          `<h3 id="op-${op.operationId}"><span class="api-method">${method.toUpperCase()}</span> <code>${path}</code></h3>`,
        );
      }
    expect(operations).toBeGreaterThanOrEqual(40);
    for (const scope of SCOPE_NAMES) expect(html).toContain(`id="scope-${scope.replace(":", "-")}"`);
    for (const type of [...WEBHOOK_EVENTS, "webhook.test"])
      expect(html).toContain(`id="event-${type.replace(/\W+/g, "-")}"`);
    // Nested payload fields by their dotted names, and the signature check to copy.
    expect(html).toContain("<code>edition.newsletterName</code>");
    expect(html).toContain("London-Daily-Signature");
    expect(html).toContain("timingSafeEqual");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });
});
