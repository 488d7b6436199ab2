import type { SiteContext } from "../../../pages/site-context.js";
import { Layout } from "../../../pages/views/Layout.js";
import {
  JsonSchemaDetails,
  TypeLabel,
  constraints,
  schemaAnchor,
} from "../../../pages/views/api-reference/schema-text.js";
import type { JsonSchema } from "../../../pages/views/api-reference/json-schema.js";
import type { OpenApiDocument, Operation, Parameter } from "../openapi.js";

// The Content API's reference, rendered from its OpenAPI document alone: what the page says is
// what the API validates and returns. No script: tables, code and <details>.

const STATUS_TEXT: Record<string, string> = {
  "200": "OK",
  "301": "Moved permanently",
  "304": "Not modified",
  "400": "Bad request",
  "404": "Not found",
};

function exampleUrl(server: string, path: string, parameters: Parameter[]): string | undefined {
  const examples = parameters.filter((p) => p.example !== undefined);
  if (parameters.some((p) => p.in === "path" && p.example === undefined)) return undefined;
  let url = path;
  for (const p of examples.filter((p) => p.in === "path")) url = url.replace(`{${p.name}}`, p.example!);
  const query = new URLSearchParams(examples.filter((p) => p.in === "query").map((p) => [p.name, p.example!]));
  return `${server}${url}${query.size ? `?${query}` : ""}`;
}

function Endpoint({ server, path, op }: { server: string; path: string; op: Operation }) {
  const example = exampleUrl(server, path, op.parameters);
  const titleId = `op-${op.operationId}`;
  return (
    <section class="api-endpoint" aria-labelledby={titleId}>
      <h2 id={titleId}>
        <span class="api-method">GET</span> <code>{path}</code>
      </h2>
      <p>
        <strong>{op.summary}.</strong> {op.description}
      </p>
      <h3>Parameters</h3>
      {op.parameters.length === 0 ? (
        <p>None.</p>
      ) : (
        <table class="api-table">
          <caption class="visually-hidden">Parameters of {path}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr>
                <th scope="row">
                  <code>{p.name}</code>
                  {p.in === "path" && " (in the path)"}
                </th>
                <td>
                  <TypeLabel schema={p.schema} />
                </td>
                <td>{p.required ? "Yes" : "No"}</td>
                <td>{[p.description ?? "", ...constraints(p.schema)].join(" ").trim()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {example && (
        <>
          <h3>Example request</h3>
          <pre class="api-code">
            <code>GET {example}</code>
          </pre>
        </>
      )}
      <h3>Responses</h3>
      <table class="api-table">
        <caption class="visually-hidden">Responses of {path}</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Meaning</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(op.responses).map(([status, response]) => (
            <tr>
              <th scope="row">
                {status} {STATUS_TEXT[status] ?? ""}
              </th>
              <td>{response.description}</td>
              <td>
                {response.content
                  ? Object.entries(response.content).map(([type, { schema }]) => (
                      <>
                        <TypeLabel schema={schema} /> as <code>{type}</code>
                      </>
                    ))
                  : "None"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SchemaSection({ name, schema }: { name: string; schema: JsonSchema }) {
  const titleId = schemaAnchor(name);
  const required = new Set(schema.required ?? []);
  return (
    <section class="api-schema" aria-labelledby={titleId}>
      <h3 id={titleId}>{name}</h3>
      {schema.description && <p>{schema.description}</p>}
      {schema.properties ? (
        <table class="api-table">
          <caption class="visually-hidden">Fields of {name}</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Type</th>
              <th scope="col">Always present</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(schema.properties).map(([field, property]) => (
              <tr>
                <th scope="row">
                  <code>{field}</code>
                </th>
                <td>
                  <TypeLabel schema={property} />
                </td>
                <td>{required.has(field) ? "Yes" : "No"}</td>
                <td>{[property.description ?? "", ...constraints(property)].join(" ").trim()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>
          Type: <TypeLabel schema={schema} />
        </p>
      )}
      <JsonSchemaDetails label={name} schema={schema} />
    </section>
  );
}

export function ApiDocsPage({ site, spec }: { site: SiteContext; spec: OpenApiDocument }) {
  const server = spec.servers[0]?.url ?? site.siteUrl;
  const operations = Object.entries(spec.paths).map(([path, item]) => ({ path, op: item.get }));
  return (
    <Layout
      site={site}
      meta={{ title: spec.info.title, description: spec.info.description, path: "/api/content/docs" }}
    >
      <div class="wrap api-docs">
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
            Machine-readable: the <a href="/api/content/openapi.json">OpenAPI {spec.openapi} document</a>, from which
            this page is made.
          </li>
          <li>
            Only published articles appear. Errors are JSON objects with a stable <code>code</code> (see{" "}
            <a href={`#${schemaAnchor("Error")}`}>Error</a>).
          </li>
          <li>
            Responses carry <code>ETag</code> and <code>Cache-Control</code>; send <code>If-None-Match</code> to get{" "}
            <code>304 Not Modified</code>. Any origin may call the API (<code>Access-Control-Allow-Origin: *</code>).
          </li>
        </ul>
        <nav class="api-contents" aria-labelledby="api-contents-title">
          <h2 id="api-contents-title">Endpoints</h2>
          <ul>
            {operations.map(({ path, op }) => (
              <li>
                <a href={`#op-${op.operationId}`}>
                  {op.summary}: <code>GET {path}</code>
                </a>
              </li>
            ))}
            <li>
              <a href="#schemas">Schemas of the responses</a>
            </li>
          </ul>
        </nav>
        {operations.map(({ path, op }) => (
          <Endpoint server={server} path={path} op={op} />
        ))}
        <section aria-labelledby="schemas">
          <h2 id="schemas">Schemas</h2>
          {Object.entries(spec.components.schemas).map(([name, schema]) => (
            <SchemaSection name={name} schema={schema} />
          ))}
        </section>
      </div>
    </Layout>
  );
}
