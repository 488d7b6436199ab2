import { useEffect, useRef, useState } from "preact/hooks";
import { focusAfterRender } from "../a11y/focus.js";
import { api } from "../api.js";
import { ErrorNote, useAction, useCan } from "../hooks.js";
import { formatLondon, instantToLondon, londonToInstant } from "../london-time.js";
import { unpublishedChanges } from "../pending.js";
import type { ArticleDraft } from "../types.js";
import { WorkflowHistory } from "./WorkflowHistory.js";
import { CorrectionForm, NoteStepForm, ScheduleForm } from "./WorkflowForms.js";

// The workflow steps the person's role allows from the article's state. The server decides (an
// own-article rule, an embargo, missing alt text); its refusal is shown as it explains itself.
// Focus (issue 18): a revealed form takes focus and its button says it is expanded; after a
// step the result takes focus (and is read out), so nobody is thrown back to the top of the
// page when the button they pressed disappears; Cancel goes back to the button that opened it.

type Form = "return" | "schedule" | "note" | "unpublish" | "submit" | null;

export function WorkflowPanel(props: {
  draft: ArticleDraft;
  /** The version on screen once pending edits are saved: publishing approves that one and no other. */
  baseVersion: () => number;
  beforeAction: () => Promise<boolean>;
  onChange: (draft: ArticleDraft) => void;
  /** The pending edits were dropped: the form shows the live version again. */
  onDiscarded: (draft: ArticleDraft) => void;
}) {
  const { draft, baseVersion, beforeAction, onChange, onDiscarded } = props;
  const can = useCan();
  const action = useAction();
  const [form, setFormState] = useState<Form>(null);
  const openers = useRef<Partial<Record<Exclude<Form, null>, HTMLButtonElement | null>>>({});
  const panel = useRef<HTMLFormElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const setForm = (next: Form) => {
    if (next === null && form) {
      const opener = openers.current[form];
      void focusAfterRender([opener, result.current]);
    }
    setFormState(next === form ? null : next);
  };
  const opener = (name: Exclude<Form, null>) => ({
    ref: (el: HTMLButtonElement | null) => {
      openers.current[name] = el;
    },
    "aria-expanded": form === name,
    "aria-controls": form === name ? "workflow-form" : undefined,
  });
  useEffect(() => {
    if (form) panel.current?.querySelector<HTMLElement>("textarea, input")?.focus();
  }, [form]);
  const [note, setNote] = useState("");
  const [noteKind, setNoteKind] = useState<"correction" | "update">("correction");
  const soon = instantToLondon(new Date(Date.now() + 60 * 60 * 1000));
  const [date, setDate] = useState(soon.date);
  const [time, setTime] = useState(soon.time);
  const [preview, setPreview] = useState<{ url: string; expiresAt: string }>();
  const [done, setDone] = useState<string>();
  const [alert, setAlert] = useState(false);
  const alertBody = draft.breaking && alert ? { alertSubscribers: true } : {};
  // Publish + banner in one action (docs/adr/035): the banner links to the story, says its headline.
  const [raiseBanner, setRaiseBanner] = useState(false);

  const publisher = can("article.publish.own") || can("article.publish.any");
  const reviewer = can("article.review");
  const s = draft.status;

  // Buttons are never `disabled` while a step runs: a focused button that becomes disabled
  // drops focus to the page. A press meanwhile is ignored instead, and a refusal leaves focus
  // on the button with the reason read out (the error is an alert).
  const step = (label: string, path: string, body?: object) =>
    !action.busy &&
    void action.run(async () => {
      if (!(await beforeAction())) throw new Error("Save the article first (see the save status)");
      // These name the version on screen: they approve (or drop) that text and no other.
      const seen = path === "publish" || path === "schedule" || path === "discard";
      const next = await api.post<ArticleDraft>(
        `/articles/${draft.id}/${path}`,
        seen ? { ...body, baseVersion: baseVersion() } : (body ?? {}),
      );
      if (path === "discard") onDiscarded(next);
      else onChange(next);
      setFormState(null);
      setNote("");
      setDone(label);
      void focusAfterRender([result.current]);
    });

  const copyPreview = () =>
    !action.busy &&
    void action.run(async () => {
      const link = await api.post<{ url: string; expiresAt: string }>(`/articles/${draft.id}/preview-link`);
      setPreview(link);
      await navigator.clipboard?.writeText(link.url).catch(() => undefined);
      setDone("Preview link made (copied if the browser allowed it)");
      void focusAfterRender(["#preview-url"]);
    });

  const at = londonToInstant(date, time);
  const shell = { panel, close: () => setForm(null), busy: action.busy };
  return (
    <section class="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Workflow</h2>
      <dl class="facts">
        {draft.scheduledAt && (
          <>
            <dt>Scheduled</dt>
            <dd>{formatLondon(draft.scheduledAt)}</dd>
          </>
        )}
        {draft.publishedAt && (
          <>
            <dt>Published</dt>
            <dd>{formatLondon(draft.publishedAt)}</dd>
          </>
        )}
        {draft.embargoAt && (
          <>
            <dt>Embargo</dt>
            <dd>{formatLondon(draft.embargoAt)}</dd>
          </>
        )}
      </dl>
      {s === "published" && (
        <p class="note" id="pending-note">
          {draft.pending
            ? publisher
              ? `Readers see the published version until you press Update (${unpublishedChanges(draft.pending.changes)}).`
              : "Your changes wait for an editor's review; readers see the published version."
            : publisher
              ? "Published. What you change now is kept as unpublished changes until you press Update."
              : "Published. What you change now goes to an editor for review before readers see it."}
        </p>
      )}
      {s === "scheduled" && !publisher && (
        <p class="note">Approved and scheduled: a change you save now sends it back to review.</p>
      )}
      <ErrorNote error={action.error} />
      <p class="note workflow-result" id="workflow-result" ref={result} tabIndex={-1} role="status" hidden={!done}>
        {done ? `${done}.` : ""}
      </p>
      {publisher && draft.breaking && s !== "published" && (
        <label class="check">
          <input type="checkbox" checked={alert} onChange={(e) => setAlert(e.currentTarget.checked)} />
          Send the breaking-news alert to subscribers when it is published
        </label>
      )}
      {publisher && can("banner.manage") && draft.breaking && s !== "published" && s !== "scheduled" && (
        <label class="check">
          <input type="checkbox" checked={raiseBanner} onChange={(e) => setRaiseBanner(e.currentTarget.checked)} />
          Raise the breaking-news banner across the site when it is published
        </label>
      )}
      <div class="actions">
        {s === "draft" && (
          <button
            type="button"
            class={publisher ? "" : "primary"}
            {...opener("submit")}
            onClick={() => setForm("submit")}
          >
            Submit for review
          </button>
        )}
        {s === "in_review" && reviewer && (
          <button type="button" {...opener("return")} onClick={() => setForm("return")}>
            Return with note
          </button>
        )}
        {publisher && (s === "draft" || s === "in_review" || s === "scheduled" || s === "unpublished") && (
          <button
            type="button"
            class="primary"
            aria-disabled={action.busy || undefined}
            onClick={() =>
              step("Published", "publish", {
                ...alertBody,
                ...(draft.breaking && raiseBanner ? { banner: { live: false } } : {}),
              })
            }
          >
            {s === "in_review" ? "Approve & publish" : "Publish now"}
          </button>
        )}
        {publisher && (s === "draft" || s === "in_review") && (
          <button type="button" {...opener("schedule")} onClick={() => setForm("schedule")}>
            Schedule…
          </button>
        )}
        {publisher && s === "scheduled" && (
          <button
            type="button"
            aria-disabled={action.busy || undefined}
            onClick={() => step("Unscheduled", "unschedule")}
          >
            Unschedule
          </button>
        )}
        {publisher && s === "published" && draft.pending && (
          <>
            <button
              type="button"
              class="primary"
              aria-disabled={action.busy || undefined}
              aria-describedby="pending-note"
              onClick={() => step("Update published: readers now see the changes", "publish")}
            >
              Update
            </button>
            <button
              type="button"
              aria-disabled={action.busy || undefined}
              onClick={() => step("Changes discarded (Revisions keep them)", "discard")}
            >
              Discard changes
            </button>
          </>
        )}
        {publisher && s === "published" && (
          <button type="button" {...opener("unpublish")} onClick={() => setForm("unpublish")}>
            Unpublish…
          </button>
        )}
        {s === "published" && can("article.correct") && (
          <button type="button" {...opener("note")} onClick={() => setForm("note")}>
            Add correction or update
          </button>
        )}
        {s !== "published" && (
          <button type="button" aria-disabled={action.busy || undefined} onClick={copyPreview}>
            Copy preview link
          </button>
        )}
        {s === "published" && (
          <a class="button" href={draft.url} target="_blank" rel="noopener">
            View on the site
          </a>
        )}
      </div>
      {preview && (
        <p class="field">
          <label for="preview-url">Preview link (until {formatLondon(preview.expiresAt)})</label>
          <input id="preview-url" readOnly value={preview.url} onFocus={(e) => e.currentTarget.select()} />
        </p>
      )}
      {(form === "submit" || form === "return" || form === "unpublish") && (
        <NoteStepForm {...shell} form={form} note={note} setNote={setNote} step={step} />
      )}
      {form === "schedule" && (
        <ScheduleForm
          {...shell}
          date={date}
          setDate={setDate}
          time={time}
          setTime={setTime}
          at={at}
          schedule={(when) =>
            step(`Scheduled for ${formatLondon(when.toISOString())}`, "schedule", {
              at: when.toISOString(),
              ...alertBody,
            })
          }
        />
      )}
      {form === "note" && (
        <CorrectionForm
          {...shell}
          note={note}
          setNote={setNote}
          noteKind={noteKind}
          setNoteKind={setNoteKind}
          withUpdate={Boolean(draft.pending && publisher)}
          submit={() => {
            // With unpublished changes waiting, the note goes live together with them.
            if (draft.pending && publisher)
              step("Update published with the note", "publish", { note: { kind: noteKind, text: note } });
            else
              step(noteKind === "correction" ? "Correction added" : "Update added", "notes", {
                kind: noteKind,
                text: note,
              });
          }}
        />
      )}
      <WorkflowHistory draft={draft} />
    </section>
  );
}
