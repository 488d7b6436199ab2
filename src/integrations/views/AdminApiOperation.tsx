import type { JsonSchema } from "../../pages/views/api-reference/json-schema.js";
import { JsonSchemaDetails, TypeLabel, constraints } from "../../pages/views/api-reference/schema-text.js";
import { SchemaFields } from "../../pages/views/api-reference/SchemaFields.js";

// One endpoint of the Admin API's reference, from its OpenAPI operation alone.

export interface AdminOperation {
  operationId: string;
  summary: string;
  description: string;
  "x-scopes": string[];
  parameters: { name: string; in: "path" | "query"; required: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}

export const operationAnchor = (op: AdminOperation) => `op-${op.operationId}`;

function Parameters({ op, path }: { op: AdminOperation; path: string }) {
  if (op.parameters.length === 0) return null;
  return (
    <>
      <h4>Parameters</h4>
      <table class="api-table api-fields">
        <caption class="visually-hidden">Parameters of {path}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
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
                {!p.required && <em>, optional</em>}
              </td>
              <td>{[p.schema.description ?? "", ...constraints(p.schema)].join(" ").trim()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Body({ op, method, path }: { op: AdminOperation; method: string; path: string }) {
  const content = op.requestBody?.content ?? {};
  return Object.entries(content).map(([type, { schema }]) => (
    <>
      <h4>
        Body (<code>{type}</code>)
      </h4>
      <SchemaFields schema={schema} caption={`Body of ${method} ${path}`} />
      {type === "application/json" && <JsonSchemaDetails label="the body" schema={schema} />}
    </>
  ));
}

export function AdminApiOperation(props: { method: string; path: string; op: AdminOperation }) {
  const { method, path, op } = props;
  const scopes = op["x-scopes"];
  return (
    <section class="api-endpoint" aria-labelledby={operationAnchor(op)}>
      <h3 id={operationAnchor(op)}>
        <span class="api-method">{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      <p>
        <strong>{op.summary}.</strong>{" "}
        {scopes.length ? (
          <>
            Scopes that allow it:{" "}
            {scopes.map((s, i) => (
              <>
                {i > 0 && ", "}
                <a href={`#scope-${s.replace(":", "-")}`}>
                  <code>{s}</code>
                </a>
              </>
            ))}
            .
          </>
        ) : (
          "No scope allows it."
        )}
      </p>
      <Parameters op={op} path={path} />
      <Body op={op} method={method.toUpperCase()} path={path} />
      {Object.entries(op.responses)
        .filter(([status]) => /^[23]/.test(status))
        .map(([status, response]) => (
          <p>
            Answer: <strong>{status}</strong> {response.description}
            {response.content && (
              <>
                {" "}
                as <code>{Object.keys(response.content)[0]}</code>
              </>
            )}
            . Errors: see <a href="#errors">Errors</a>.
          </p>
        ))}
    </section>
  );
}
