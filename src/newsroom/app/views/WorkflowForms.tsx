import type { ComponentChildren, RefObject } from "preact";
import { zoneLabel } from "../london-time.js";

// The forms a workflow step opens (Workflow.tsx): a note with a submission, a return or an
// unpublication; a time to publish at; a correction or update. Escape and Cancel close them, and
// the panel then gives focus back to the button that opened the form.

interface Shell {
  panel: RefObject<HTMLFormElement>;
  close: () => void;
  busy: boolean;
}

function StepForm(props: Shell & { label: string; onSubmit: () => void; children: ComponentChildren }) {
  return (
    <form
      class="panel"
      id="workflow-form"
      ref={props.panel}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.close();
      }}
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <button type="button" onClick={props.close}>
        Cancel
      </button>
    </form>
  );
}

/** Submit for review, return to the writer (a note required) or unpublish. */
export function NoteStepForm(
  props: Shell & {
    form: "submit" | "return" | "unpublish";
    note: string;
    setNote: (note: string) => void;
    step: (label: string, path: string, body?: object) => void;
  },
) {
  const { form, note, setNote, step } = props;
  return (
    <StepForm
      {...props}
      label={form === "submit" ? "Submit for review" : form === "return" ? "Return with note" : "Unpublish"}
      onSubmit={() => {
        if (form === "submit") step("Submitted for review", "submit", note.trim() ? { note } : {});
        else if (form === "return") step("Returned to the writer", "return", { note });
        else step("Unpublished", "unpublish", note.trim() ? { note } : {});
      }}
    >
      <p class="field">
        <label for="wf-note">{form === "return" ? "Note to the writer (required)" : "Note (optional)"}</label>
        <textarea
          id="wf-note"
          rows={3}
          required={form === "return"}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </p>
      <button type="submit" class="primary" aria-disabled={props.busy || undefined}>
        {form === "submit" ? "Submit for review" : form === "return" ? "Return" : "Unpublish"}
      </button>
    </StepForm>
  );
}

/** A date and time in London to publish at. */
export function ScheduleForm(
  props: Shell & {
    date: string;
    setDate: (date: string) => void;
    time: string;
    setTime: (time: string) => void;
    at: Date | undefined;
    schedule: (at: Date) => void;
  },
) {
  const { date, setDate, time, setTime, at } = props;
  return (
    <StepForm
      {...props}
      label="Schedule"
      onSubmit={() => {
        if (at) props.schedule(at);
      }}
    >
      <fieldset>
        <legend>Publish at ({zoneLabel()})</legend>
        <label>
          Date <input type="date" value={date} required onInput={(e) => setDate(e.currentTarget.value)} />
        </label>
        <label>
          Time <input type="time" value={time} required onInput={(e) => setTime(e.currentTarget.value)} />
        </label>
      </fieldset>
      <button type="submit" class="primary" disabled={!at} aria-disabled={props.busy || undefined}>
        Schedule
      </button>
    </StepForm>
  );
}

/** A correction or an update shown on the published article. */
export function CorrectionForm(
  props: Shell & {
    note: string;
    setNote: (note: string) => void;
    noteKind: "correction" | "update";
    setNoteKind: (kind: "correction" | "update") => void;
    /** Unpublished changes wait and the person may publish: the note goes live with them. */
    withUpdate: boolean;
    submit: () => void;
  },
) {
  const { note, setNote, noteKind, setNoteKind } = props;
  return (
    <StepForm {...props} label="Correction or update" onSubmit={props.submit}>
      <fieldset>
        <legend>Kind of note</legend>
        <label class="check">
          <input
            type="radio"
            name="note-kind"
            checked={noteKind === "correction"}
            onChange={() => setNoteKind("correction")}
          />
          Correction
        </label>
        <label class="check">
          <input type="radio" name="note-kind" checked={noteKind === "update"} onChange={() => setNoteKind("update")} />
          Update
        </label>
      </fieldset>
      <p class="field">
        <label for="wf-note-text">Text shown on the article</label>
        <textarea id="wf-note-text" rows={3} required value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </p>
      <button type="submit" class="primary" aria-disabled={props.busy || undefined}>
        {props.withUpdate ? "Update with this note" : "Add to the article"}
      </button>
    </StepForm>
  );
}
