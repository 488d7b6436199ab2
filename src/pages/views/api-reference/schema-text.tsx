import type { ComponentChildren } from "preact";
import type { JsonSchema } from "./json-schema.js";

// A JSON Schema in words, for the API references: its type as a short label (a named schema links
// to its section) and the constraints a caller needs to build a valid value.

export const schemaName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);
export const schemaAnchor = (name: string) => `schema-${name}`;

const isSimple = (s: JsonSchema) =>
  s.$ref !== undefined || s.const !== undefined || (typeof s.type === "string" && s.type !== "object");

export function TypeLabel({ schema }: { schema: JsonSchema }): ComponentChildren {
  if (schema.$ref) {
    const name = schemaName(schema.$ref);
    return <a href={`#${schemaAnchor(name)}`}>{name}</a>;
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    if (!variants.every(isSimple)) return `one of ${variants.length} shapes`;
    return variants.map((v, i) => (
      <>
        {i > 0 && " or "}
        <TypeLabel schema={v} />
      </>
    ));
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (schema.enum)
    return (
      <>
        one of{" "}
        {schema.enum.map((v, i) => (
          <>
            {i > 0 && ", "}
            <code>{JSON.stringify(v)}</code>
          </>
        ))}
      </>
    );
  if (schema.type === "array")
    return (
      <>
        array of <TypeLabel schema={schema.items ?? {}} />
      </>
    );
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  if (schema.type) return schema.format ? `${schema.type} (${schema.format})` : schema.type;
  return "any JSON value";
}

/** Constraints a reader needs to build a valid value, in words. */
export function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.default !== undefined) out.push(`Default ${JSON.stringify(schema.default)}.`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    out.push(`From ${schema.minimum} to ${schema.maximum}.`);
  if (schema.minLength !== undefined) out.push(`At least ${schema.minLength} characters.`);
  if (schema.maxLength !== undefined) out.push(`At most ${schema.maxLength} characters.`);
  if (schema.pattern !== undefined) out.push(`Matches ${schema.pattern}.`);
  return out;
}

/** The schema itself, folded away: for readers who generate code from it. */
export function JsonSchemaDetails({ label, schema }: { label: string; schema: JsonSchema }) {
  return (
    <details>
      <summary>JSON Schema of {label}</summary>
      <pre class="api-code">
        <code>{JSON.stringify(schema, null, 2)}</code>
      </pre>
    </details>
  );
}
