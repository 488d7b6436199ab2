import type { SiteContext } from "../../pages/site-context.js";
import { Layout } from "../../pages/views/Layout.js";
import { type AdminOperation, AdminApiOperation, operationAnchor } from "./AdminApiOperation.js";
import { AdminApiWebhooks, type WebhookItem } from "./AdminApiWebhooks.js";

// The Admin API's reference (/api/admin/v1/docs), rendered from its OpenAPI document alone, like the
// Content API's: what the page says is what the handlers validate. No script: tables, code, <details>.

export const ADMIN_DOCS_PATH = "/api/admin/v1/docs";

export interface AdminApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  webhooks: Record<string, WebhookItem>;
  "x-scopes": { name: string; summary: string; actions: readonly string[] }[];
}

interface Entry {
  method: string;
  path: string;
  op: AdminOperation & { tags: string[] };
}

function byTag(spec: AdminApiDocument): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const [path, item] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(item)) {
      const entry = { method, path, op: op as Entry["op"] };
      const tag = entry.op.tags[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), entry]);
    }
  return [...groups];
}
const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/\W+/g, "-")}`;

function Scopes({ scopes }: { scopes: AdminApiDocument["x-scopes"] }) {
  return (
    <section aria-labelledby="scopes">
      <h2 id="scopes">Scopes</h2>
      <p>
        A key carries scopes; each scope grants the newsroom actions listed here, and the endpoints ask for those
        actions exactly as they ask a person's role. A key never reaches further than its actions.
      </p>
      <table class="api-table">
        <caption class="visually-hidden">Scopes and the actions they grant</caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">Allows</th>
            <th scope="col">Newsroom actions</th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((s) => (
            <tr id={`scope-${s.name.replace(":", "-")}`}>
              <th scope="row">
                <code>{s.name}</code>
              </th>
              <td>{s.summary}</td>
              <td>{s.actions.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AdminApiDocsPage({ site, spec }: { site: SiteContext; spec: AdminApiDocument }) {
  const server = spec.servers[0]?.url ?? site.siteUrl;
  const groups = byTag(spec);
  return (
    <Layout site={site} meta={{ title: spec.info.title, description: spec.info.description, path: ADMIN_DOCS_PATH }}>
      <div class="wrap api-docs admin-api-docs">
        <header class="listing-header">
          <p class="kicker">For developers</p>
          <h1>{spec.info.title}</h1>
          <p class="listing-description">{spec.info.description}</p>
        </header>
        <ul class="api-facts">
          <li>
            Base address: <code>{server}</code>. Version {spec.info.version}.
          </li>
          <li>
            Machine-readable: the <a href="/api/admin/v1/openapi.json">OpenAPI {spec.openapi} document</a>, from which
            this page is made. For published content only, the <a href="/api/content/docs">Content API</a> needs no key.
          </li>
          <li>
            Every call sends <code>Authorization: Bearer &lt;key&gt;</code>. An admin makes the key in the newsroom
            (Integrations) with the scopes it needs; it is shown once. Each call is in the audit log under the
            integration's name, and revoking the key stops its calls at once.
          </li>
          <li>
            Bodies are JSON unless an endpoint says otherwise. Changing an article asks for the <code>baseVersion</code>{" "}
            it was read at, so that nobody's words are lost.
          </li>
        </ul>
        <section aria-labelledby="errors">
          <h2 id="errors">Errors</h2>
          <p>
            An error answers a JSON object <code>{"{ error: { code, message, details? } }"}</code>; its{" "}
            <code>code</code> is stable:
          </p>
          <ul class="api-facts">
            <li>
              400 <code>VALIDATION_FAILED</code>: the input is not valid; <code>details</code> name each field.
            </li>
            <li>
              401 <code>UNAUTHORIZED</code>: no key, or an unknown or revoked one.
            </li>
            <li>
              403 <code>FORBIDDEN</code>: the key's scopes do not allow it.
            </li>
            <li>
              404 <code>NOT_FOUND</code>: no such thing, or no such endpoint.
            </li>
            <li>
              409 <code>CONFLICT</code>: a stale <code>baseVersion</code>, or a state that forbids it.
            </li>
            <li>
              429 <code>RATE_LIMITED</code>: more than 600 calls a minute with this key; <code>Retry-After</code> says
              when to call again.
            </li>
          </ul>
        </section>
        <nav class="api-contents" aria-labelledby="api-contents-title">
          <h2 id="api-contents-title">Contents</h2>
          <ul>
            <li>
              <a href="#scopes">Scopes</a>
            </li>
            {groups.map(([tag, entries]) => (
              <li>
                <a href={`#${tagAnchor(tag)}`}>{tag}</a> ({entries.length})
              </li>
            ))}
            <li>
              <a href="#webhooks">Receiving webhooks: the events and what they carry</a>
            </li>
          </ul>
        </nav>
        <Scopes scopes={spec["x-scopes"]} />
        {groups.map(([tag, entries]) => (
          <section aria-labelledby={tagAnchor(tag)}>
            <h2 id={tagAnchor(tag)}>{tag}</h2>
            <ul>
              {entries.map(({ method, path, op }) => (
                <li>
                  <a href={`#${operationAnchor(op)}`}>
                    {op.summary}: <code>{`${method.toUpperCase()} ${path}`}</code>
                  </a>
                </li>
              ))}
            </ul>
            {entries.map(({ method, path, op }) => (
              <AdminApiOperation method={method} path={path} op={op} />
            ))}
          </section>
        ))}
        <AdminApiWebhooks webhooks={spec.webhooks} />
      </div>
    </Layout>
  );
}
