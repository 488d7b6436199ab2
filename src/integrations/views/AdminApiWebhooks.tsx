import type { JsonSchema } from "../../pages/views/api-reference/json-schema.js";
import { SchemaFields } from "../../pages/views/api-reference/SchemaFields.js";

// The webhooks part of the Admin API's reference, from the `webhooks` of its OpenAPI document:
// how a delivery comes and how to check it, then each event and what it carries.

export interface WebhookItem {
  post: {
    summary: string;
    parameters: { name: string; description: string }[];
    requestBody: { content: { "application/json": { schema: JsonSchema } } };
  };
}

const VERIFY = `import { createHmac, timingSafeEqual } from "node:crypto";

// header: the London-Daily-Signature header; rawBody: the body as received, before parsing.
function verify(secret, header, rawBody, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest("hex"));
  const given = Buffer.from(parts.v1 ?? "");
  return expected.length === given.length && timingSafeEqual(expected, given);
}`;

export const eventAnchor = (type: string) => `event-${type.replace(/\W+/g, "-")}`;

export function AdminApiWebhooks({ webhooks }: { webhooks: Record<string, WebhookItem> }) {
  const events = Object.entries(webhooks);
  const headers = events[0]?.[1].post.parameters ?? [];
  return (
    <section class="api-webhooks" aria-labelledby="webhooks">
      <h2 id="webhooks">Receiving webhooks</h2>
      <p>
        An admin registers a webhook in the newsroom (or with the <code>webhooks:manage</code> scope): an address, the
        events it wants, and a secret shown once. Each event is then sent as <code>POST</code> with a JSON body{" "}
        <code>{"{ id, type, createdAt, data }"}</code>: <code>id</code> the event's (<code>evt_…</code>, the same on
        every delivery of it), <code>type</code> one of the events below, <code>createdAt</code> when it happened, and{" "}
        <code>data</code> what the event carries, as listed for each below. Any 2xx answer within 10 seconds is success;
        anything else is tried again (30 s, 1 min, 2 min… up to 6 h apart) for 24 hours. Redirects are not followed. The
        events of one article, one subscriber or one newsletter arrive in the order they happened. An event is recorded
        with the change that caused it, so it is sent exactly when the change is made.
      </p>
      <h3>Headers</h3>
      <ul>
        {headers.map((h) => (
          <li>
            <code>{h.name}</code>: {h.description}.
          </li>
        ))}
      </ul>
      <h3>Checking the signature</h3>
      <p>
        Compute the HMAC over the raw body as received, and refuse an old timestamp, so that a captured delivery cannot
        be sent again (Node.js):
      </p>
      <pre class="api-code">
        <code>{VERIFY}</code>
      </pre>
      <h3>Events</h3>
      <ul>
        {events.map(([type, item]) => (
          <li>
            <a href={`#${eventAnchor(type)}`}>
              <code>{type}</code>
            </a>
            : {item.post.summary}.
          </li>
        ))}
      </ul>
      {events.map(([type, item]) => (
        <section class="api-schema" aria-labelledby={eventAnchor(type)}>
          <h4 id={eventAnchor(type)}>
            <code>{type}</code>
          </h4>
          <p>{item.post.summary}.</p>
          <SchemaFields
            schema={item.post.requestBody.content["application/json"].schema.properties?.data ?? {}}
            caption={`The data of ${type}`}
          />
        </section>
      ))}
    </section>
  );
}
