import { useEffect, useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { formatLondon, zoneLabel } from "../london-time.js";
import {
  type EditionDraft,
  cutEditionItem,
  draftOf,
  editionChanges,
  moveEditionItem,
  setItemLine,
} from "../newsletters/edition-edits.js";
import {
  EDITION_STATUS_LABELS,
  type EditionDetail,
  type Newsletter,
  canResume,
  canRetryFailed,
  isEditable,
} from "../newsletters/newsletter-types.js";
import { href } from "../router.js";
import { focusAfterRender } from "../a11y/focus.js";
import { EditionAddStory } from "./EditionAddStory.js";
import { EditionAudience } from "./EditionAudience.js";

// One edition (issue 4): the intro, the items reordered by drag and drop or Up/Down buttons (the
// keyboard way, WCAG 2.5.7), cut, and their one-line summaries; hold, release or send now (with a
// confirmation); the email previewed as a subscriber gets it at desktop and phone widths in a
// sandboxed frame, and as plain text; a test sent to one address.

export function EditionView({ id }: { id: number }) {
  const loaded = useLoad(() => api.get<EditionDetail>(`/editions/${id}`), [id]);
  const newsletters = useLoad(() => api.get<{ items: Newsletter[] }>("/newsletters").then((r) => r.items), []);
  const [draft, setDraft] = useState<EditionDraft>();
  const [previewSerial, setPreviewSerial] = useState(0);
  useEffect(() => {
    if (loaded.data) setDraft(draftOf(loaded.data));
  }, [loaded.data]);
  const edition = loaded.data;
  if (!edition || !draft)
    return loaded.error ? <ErrorNote error={loaded.error} /> : <p aria-live="polite">Opening the edition…</p>;
  const name = newsletters.data?.find((n) => n.slug === edition.newsletter)?.name ?? edition.newsletter;
  // Preview and test send show the saved edition: they say so while the screen has more (issue 18).
  const unsaved = Boolean(editionChanges(edition, draft));
  const saved = (e: EditionDetail) => {
    loaded.set(e);
    setPreviewSerial((n) => n + 1);
  };
  return (
    <>
      <p class="hint">
        <a href={href(`/newsletters/${edition.newsletter}`)}>All editions</a>
      </p>
      <PageTitle title={edition.title}>{edition.title}</PageTitle>
      <p class="hint">
        {name}, the edition of {edition.editionDate}
      </p>
      <p>
        <span class={`status edition-${edition.status}`}>{EDITION_STATUS_LABELS[edition.status]}</span> Delivered{" "}
        {edition.deliveries.delivered}, waiting {edition.deliveries.waiting}, failed {edition.deliveries.failed}
        {edition.nextRetryAt ? `; next try ${formatLondon(edition.nextRetryAt)}` : ""}
        {edition.sentAt && edition.deliveries.waiting === 0 ? `; finished ${formatLondon(edition.sentAt)}` : ""}.
        {edition.deliveries.delivered > 0
          ? ` Bounced ${edition.reports.hardBounces} (hard), ${edition.reports.softBounces} (soft); ` +
            `${edition.reports.complaints} spam ${edition.reports.complaints === 1 ? "complaint" : "complaints"}.`
          : ""}
      </p>
      <div class="edition-layout">
        <div>
          <EditionEditor edition={edition} draft={draft} setDraft={setDraft} onSaved={saved} />
          <SendPanel edition={edition} onSaved={saved} />
          {edition.deliveries.delivered + edition.deliveries.failed > 0 && <EditionAudience id={edition.id} />}
          <TestSend id={edition.id} unsaved={unsaved} />
        </div>
        <Preview id={edition.id} serial={previewSerial} unsaved={unsaved} />
      </div>
    </>
  );
}

function EditionEditor(props: {
  edition: EditionDetail;
  draft: EditionDraft;
  setDraft: (d: EditionDraft) => void;
  onSaved: (e: EditionDetail) => void;
}) {
  const { edition, draft, setDraft } = props;
  const [dragging, setDragging] = useState<number | null>(null);
  const [announce, setAnnounce] = useState("");
  const action = useAction();
  const editable = isEditable(edition);
  const changes = editionChanges(edition, draft);
  const move = (from: number, to: number) => {
    const item = draft.items[from]!;
    const next = moveEditionItem(draft, from, to);
    if (next === draft) return;
    setDraft(next);
    setAnnounce(`${item.title} moved to position ${to + 1} of ${draft.items.length}`);
  };
  const save = (e: Event) => {
    e.preventDefault();
    if (!changes) return;
    void action.run(async () => {
      try {
        props.onSaved(await api.put<EditionDetail>(`/editions/${edition.id}`, changes));
        setAnnounce("Edition saved.");
      } catch (err) {
        const current = err instanceof ApiError ? (err.details as { current?: EditionDetail })?.current : undefined;
        if (current) {
          props.onSaved(current);
          throw new Error("Someone changed this edition meanwhile: their version is shown; make your changes again.");
        }
        throw err;
      }
    });
  };
  return (
    <form class="panel" aria-labelledby="edition-edit-h" onSubmit={save}>
      <h2 id="edition-edit-h">Contents</h2>
      {!editable && <p class="hint">This edition is {edition.status}: it can no longer change.</p>}
      <p class="field">
        <label for="edition-intro">Intro</label>
        <textarea
          id="edition-intro"
          rows={3}
          maxLength={1000}
          disabled={!editable}
          value={draft.intro}
          onInput={(e) => setDraft({ ...draft, intro: e.currentTarget.value })}
        />
      </p>
      {editable && <p class="hint">Drag an item, or use its Up and Down buttons. Cut leaves it out of this edition.</p>}
      {/* Stories can be introduced into the Morning Headlines and digests; a video edition keeps its videos. */}
      <ol class="ordered sortable edition-items">
        {draft.items.map((item, i) => (
          <li
            key={item.id}
            draggable={editable}
            class={dragging === i ? "dragging" : ""}
            onDragStart={(e) => {
              setDragging(i);
              e.dataTransfer?.setData("text/plain", String(i));
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging !== null) move(dragging, i);
              setDragging(null);
            }}
            onDragEnd={() => setDragging(null)}
          >
            {editable && (
              <span class="grip" aria-hidden="true">
                ⋮⋮
              </span>
            )}
            <span class="grow">
              <strong>{item.url ? <a href={item.url}>{item.title}</a> : item.title}</strong>
              <label class="sr-only" for={`line-${item.id}`}>
                Line for “{item.title}”
              </label>
              <input
                id={`line-${item.id}`}
                class="edition-line"
                placeholder="Left empty: the story's standfirst"
                maxLength={400}
                disabled={!editable}
                value={item.line}
                onInput={(e) => setDraft(setItemLine(draft, item.id, e.currentTarget.value))}
              />
            </span>
            {editable && (
              <span class="row-actions">
                <button
                  type="button"
                  class="small"
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                  aria-label={`Move “${item.title}” up`}
                >
                  Up
                </button>
                <button
                  type="button"
                  class="small"
                  disabled={i === draft.items.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label={`Move “${item.title}” down`}
                >
                  Down
                </button>
                <button
                  type="button"
                  class="small"
                  disabled={draft.items.length === 1}
                  onClick={() => {
                    setDraft(cutEditionItem(draft, item.id));
                    setAnnounce(`${item.title} cut from the edition`);
                  }}
                  aria-label={`Cut “${item.title}”`}
                >
                  Cut
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {editable && takesStories(edition) && <EditionAddStory draft={draft} setDraft={setDraft} />}
      <ErrorNote error={action.error} />
      {editable && (
        <div class="actions">
          <button type="submit" class="primary" disabled={action.busy || !changes}>
            Save the edition
          </button>
          <button type="button" disabled={action.busy || !changes} onClick={() => setDraft(draftOf(edition))}>
            Undo changes
          </button>
        </div>
      )}
      <p class="sr-only" role="status">
        {announce}
      </p>
    </form>
  );
}

function SendPanel({ edition, onSaved }: { edition: EditionDetail; onSaved: (e: EditionDetail) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState("");
  const action = useAction();
  const editable = isEditable(edition);
  const post = (path: string, done: string) =>
    void action.run(async () => {
      const res = await api.post<EditionDetail | { edition: EditionDetail }>(`/editions/${edition.id}/${path}`);
      onSaved("edition" in res ? res.edition : res);
      setConfirming(false);
      setNote(done);
      // The pressed button may be gone (Send now, Hold ↔ Release): the result takes focus.
      void focusAfterRender(["#edition-send-note"]);
    });
  return (
    <section class="panel" aria-labelledby="edition-send-h">
      <h2 id="edition-send-h">Sending</h2>
      {editable ? (
        <>
          <p class="hint" id="edition-schedule">
            {scheduleWords(edition)}
          </p>
          <div class="actions">
            {edition.status === "held" ? (
              <button
                type="button"
                disabled={action.busy}
                onClick={() => post("release", "Released: it goes at the send time.")}
              >
                Release
              </button>
            ) : (
              <button type="button" disabled={action.busy} onClick={() => post("hold", "Held.")}>
                Hold
              </button>
            )}
            {!edition.upcoming && (
              <button
                type="button"
                class="primary"
                id="send-now"
                disabled={action.busy}
                aria-expanded={confirming}
                aria-controls="confirm-send-group"
                onClick={() => {
                  setConfirming(!confirming);
                  if (!confirming) void focusAfterRender(["#confirm-send"]);
                }}
              >
                Send now…
              </button>
            )}
          </div>
          {confirming && (
            <div
              class="confirm"
              role="group"
              id="confirm-send-group"
              aria-labelledby="confirm-send"
              onKeyDown={(e) => {
                if (e.key !== "Escape") return;
                setConfirming(false);
                void focusAfterRender(["#send-now"]);
              }}
            >
              <p id="confirm-send" tabIndex={-1}>
                Send this edition to every confirmed subscriber now? This cannot be undone.
              </p>
              <button
                type="button"
                class="primary"
                disabled={action.busy}
                onClick={() => post("send-now", "Sending has started.")}
              >
                Yes, send it now
              </button>{" "}
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  void focusAfterRender(["#send-now"]);
                }}
              >
                Cancel
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p>This edition is {EDITION_STATUS_LABELS[edition.status].toLowerCase()}.</p>
          <div class="actions">
            {canResume(edition) && (
              <>
                <button
                  type="button"
                  class="primary"
                  disabled={action.busy}
                  onClick={() => post("resume", "Sending what is waiting now.")}
                >
                  Resume sending now
                </button>
                <button type="button" disabled={action.busy} onClick={() => post("hold", "Held: nothing more goes.")}>
                  Hold
                </button>
              </>
            )}
            {canRetryFailed(edition) && (
              <button
                type="button"
                disabled={action.busy}
                onClick={() => post("retry-failed", "Retrying the failed deliveries.")}
              >
                Retry {edition.deliveries.failed} failed
              </button>
            )}
          </div>
        </>
      )}
      <ErrorNote error={action.error} />
      <p role="status" class="hint" id="edition-send-note" tabIndex={-1}>
        {note}
      </p>
    </section>
  );
}

const takesStories = (e: EditionDetail) => e.newsletter !== "video" && e.newsletter !== "breaking-news";

/** When the schedule sends an edition still to go, in words (issue 18: no cron, a time and its zone). */
function scheduleWords(e: EditionDetail): string {
  if (e.status === "held") return "Held: the schedule will not send it until it is released.";
  const at = e.sendsAt ? `${formatLondon(e.sendsAt)} (${zoneLabel()})` : undefined;
  if (e.upcoming) {
    return at
      ? `Scheduled: it goes at ${at} unless it is held. Until then it can be changed, previewed and tested; it cannot be sent earlier.`
      : `Composed ahead for ${e.editionDate}, but the newsletter has no send time that day (paused or unscheduled): it will not go by itself.`;
  }
  return at
    ? `Scheduled: it goes at ${at} unless it is held.`
    : "Its send time today has passed or the newsletter is paused: it goes only if sent now.";
}

/** Said beside the preview and the test send while the editor holds changes not yet saved. */
function UnsavedWarning({ what }: { what: string }) {
  return (
    <p class="note note-warn unsaved-warning" role="status">
      {what} the saved edition: your unsaved changes are not included. Save the edition first to include them.
    </p>
  );
}

function TestSend({ id, unsaved }: { id: number; unsaved: boolean }) {
  const [email, setEmail] = useState("");
  const [note, setNote] = useState("");
  const action = useAction();
  return (
    <form
      class="panel inline-form"
      aria-labelledby="edition-test-h"
      onSubmit={(e) => {
        e.preventDefault();
        setNote("");
        void action.run(async () => {
          const res = await api.post<{ sentTo: string }>(`/editions/${id}/test`, { email });
          setNote(`Test sent to ${res.sentTo}.`);
        });
      }}
    >
      <h2 id="edition-test-h">Send a test</h2>
      {unsaved && <UnsavedWarning what="The test sends" />}
      <label>
        Email address
        <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={action.busy}>
        Send a test
      </button>
      <ErrorNote error={action.error} />
      <p role="status" class="hint">
        {note}
      </p>
    </form>
  );
}

const WIDTHS = { desktop: 600, phone: 360 } as const;

function Preview({ id, serial, unsaved }: { id: number; serial: number; unsaved: boolean }) {
  const [mode, setMode] = useState<"desktop" | "phone" | "text">("desktop");
  const text = useLoad(
    () =>
      mode === "text"
        ? fetch(`/api/newsroom/editions/${id}/preview?format=text`, { credentials: "same-origin" }).then((r) =>
            r.ok ? r.text() : Promise.reject(new Error(`The preview could not be made (${r.status})`)),
          )
        : Promise.resolve(""),
    [id, mode, serial],
  );
  return (
    <section class="panel edition-preview" aria-labelledby="edition-preview-h">
      <h2 id="edition-preview-h">Preview</h2>
      {unsaved && <UnsavedWarning what="The preview shows" />}
      <div class="actions" role="group" aria-label="Preview as">
        {(["desktop", "phone", "text"] as const).map((m) => (
          <button key={m} type="button" class="small" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {m === "desktop" ? "Desktop (600 px)" : m === "phone" ? "Phone (360 px)" : "Plain text"}
          </button>
        ))}
      </div>
      {mode === "text" ? (
        <>
          <ErrorNote error={text.error} />
          <pre class="edition-text">{text.data}</pre>
        </>
      ) : (
        // No scripts and no same-origin access: the email is shown, never run.
        <iframe
          key={`${mode}-${serial}`}
          class={`edition-frame edition-frame-${mode}`}
          title={`The email at ${WIDTHS[mode]} px`}
          sandbox=""
          width={WIDTHS[mode]}
          height={900}
          src={`/api/newsroom/editions/${id}/preview?format=html`}
        />
      )}
    </section>
  );
}
