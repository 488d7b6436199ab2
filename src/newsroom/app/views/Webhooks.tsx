import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { WEBHOOK_EVENTS, type WebhookEventType } from "../../../platform/webhooks/event-types.js";
import { AllowedHosts } from "./AllowedHosts.js";
import { ShownOnce } from "./ShownOnce.js";
import { type Hook, WebhookLog } from "./WebhookLog.js";

// Webhooks (admins, docs/adr/033): register (the secret is shown once), remove, each one's delivery
// log with "Send a test" and "Send again", and the private hosts an admin allows.

const EVENT_SUMMARIES: Record<Exclude<WebhookEventType, "webhook.test">, string> = {
  "article.published": "an article is published",
  "article.updated": "a published article is updated",
  "article.unpublished": "an article is unpublished",
  "article.deleted": "an article goes to the trash",
  "article.correction_added": "a correction is added",
  "live.entry_posted": "a live blog entry is posted",
  "newsletter.edition_sent": "a newsletter edition has been sent",
  "subscriber.confirmed": "a subscription is confirmed",
  "subscriber.unsubscribed": "a subscription ends",
  "video.ready": "a video is ready to play",
  "wire.item_received": "a new wire story comes in",
};

export function WebhooksView() {
  const list = useLoad(() => api.get<{ items: Hook[] }>("/webhooks").then((r) => r.items), []);
  const action = useAction();
  const [form, setForm] = useState({ name: "", url: "", events: [] as string[] });
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const create = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const made = await api.post<Hook & { secret: string }>("/webhooks", form);
      setSecret({ name: made.name, secret: made.secret });
      list.set([...(list.data ?? []), made]);
      setForm({ name: "", url: "", events: [] });
      announce(`Webhook ${made.name} registered. Copy its signing secret now: it is shown only once.`);
    });
  };
  const remove = (hook: Hook) =>
    void action.run(async () => {
      if (!confirm(`Remove the webhook ${hook.name} and its log?`)) return;
      await api.delete(`/webhooks/${hook.id}`);
      list.set((list.data ?? []).filter((h) => h.id !== hook.id));
      announce(`${hook.name} removed.`);
      document.getElementById("webhook-name")?.focus();
    });
  return (
    <>
      <PageTitle title="Webhooks">Webhooks</PageTitle>
      <p class="lede">
        A webhook tells another system what happens here: each event is sent to its address as a signed POST, and tried
        again for a day if the receiver does not answer. What each event carries, and how to check the signature:{" "}
        <a href="/api/admin/v1/docs#webhooks">the Admin API reference</a>.
      </p>
      <ErrorNote error={list.error ?? action.error} />
      {secret && (
        <ShownOnce what="signing secret" owner={secret.name} value={secret.secret} onDone={() => setSecret(null)} />
      )}
      <form class="panel" onSubmit={create}>
        <h2>New webhook</h2>
        <div class="inline-form">
          <span class="stack">
            <label for="webhook-name">Name</label>
            <input
              id="webhook-name"
              value={form.name}
              required
              maxLength={80}
              onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
          </span>
          <span class="stack grow">
            <label for="webhook-url">Address (URL)</label>
            <input
              id="webhook-url"
              type="url"
              value={form.url}
              required
              placeholder="https://"
              onInput={(e) => setForm({ ...form, url: e.currentTarget.value })}
            />
          </span>
        </div>
        <fieldset class="checks">
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} class="check">
              <input
                type="checkbox"
                checked={form.events.includes(ev)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    events: e.currentTarget.checked ? [...form.events, ev] : form.events.filter((x) => x !== ev),
                  })
                }
              />
              <span>
                <code>{ev}</code> <small>{EVENT_SUMMARIES[ev]}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={action.busy || form.events.length === 0}>
          Register webhook
        </button>
      </form>
      {list.data?.length === 0 && <p class="empty">No webhooks yet.</p>}
      {(list.data ?? []).map((hook) => (
        <section key={hook.id} class="panel webhook" aria-labelledby={`webhook-${hook.id}`}>
          <h2 id={`webhook-${hook.id}`}>
            {hook.name}
            {hook.enabled ? "" : " (disabled)"}
          </h2>
          <p class="webhook-url">
            <code>{hook.url}</code>
          </p>
          <p>
            Events: <span class="webhook-events">{hook.events.join(", ")}</span>
          </p>
          <div class="row-actions">
            <button
              type="button"
              class="small"
              aria-expanded={open === hook.id}
              onClick={() => setOpen(open === hook.id ? null : hook.id)}
            >
              Delivery log<span class="sr-only"> of {hook.name}</span>
            </button>
            <button type="button" class="small" onClick={() => remove(hook)}>
              Remove<span class="sr-only"> {hook.name}</span>
            </button>
          </div>
          {open === hook.id && <WebhookLog hook={hook} />}
        </section>
      ))}
      <AllowedHosts />
    </>
  );
}
