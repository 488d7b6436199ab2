import type { JsonSchema } from "./json-schema.js";
import { TypeLabel, constraints } from "./schema-text.js";

// The fields of a JSON Schema object as one table, nested objects flattened into dotted names
// (`article.headline`), so a request body or an event's payload reads top to bottom. A field that
// may be absent says "optional" beside its type (the type cell reads alone on a phone, where the
// rows are stacked).

interface Row {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/** An object schema, or a nullable one (`anyOf: [object, null]`). */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  return (schema.anyOf ?? []).find((s) => s.properties);
}

function rows(schema: JsonSchema, prefix = "", parentRequired = true): Row[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([field, property]) => {
    const name = prefix + field;
    const always = parentRequired && required.has(field);
    const nested = objectOf(property);
    const row = { name, schema: property, required: always };
    return nested ? [row, ...rows(nested, `${name}.`, always)] : [row];
  });
}

export function SchemaFields({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const list = rows(schema);
  if (list.length === 0) return <p>No fields.</p>;
  return (
    <table class="api-table api-fields">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {list.map((row) => (
          <tr>
            <th scope="row">
              <code>{row.name}</code>
            </th>
            <td>
              <TypeLabel schema={row.schema} />
              {!row.required && <em>, optional</em>}
            </td>
            <td>{[row.schema.description ?? "", ...constraints(row.schema)].join(" ").trim()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
