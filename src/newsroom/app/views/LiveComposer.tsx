import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, describeError } from "../api.js";
import type { BodyEditorProps, PickedImage } from "../editor/BodyEditor.js";
import { ErrorNote } from "../hooks.js";
import { docToText, storableDocument } from "../text.js";
import type { DocNode } from "../types.js";
import type { LiveEntryJson } from "../../../live/live.api.js";
import { MediaPicker } from "./MediaLibrary.js";

// The composer at the top of the live blog desk: a title, the entry's text in the article editor,
// "Key event" and "Pin", and Post (Ctrl+Enter or ⌘+Enter from anywhere in it). What is typed is
// saved as the journalist's draft a second after they stop, so a closed tab loses nothing.

const EMPTY: DocNode = { type: "doc", content: [{ type: "paragraph" }] };
const AUTOSAVE_MS = 1_000;

let editorModule: Promise<{ BodyEditor: ComponentType<BodyEditorProps> }> | undefined;
const loadEditor = () => (editorModule ??= import("../editor/BodyEditor.js"));

export interface ComposerProps {
  articleId: number;
  draft: { title: string; body: DocNode } | null;
  /** The entry being changed, or none to write a new one. */
  editing: LiveEntryJson | null;
  onDone: (entry: LiveEntryJson, created: boolean) => void;
  onCancelEdit: () => void;
  publishes: boolean;
}

export function LiveComposer({ articleId, draft, editing, onDone, onCancelEdit, publishes }: ComposerProps) {
  const [Editor, setEditor] = useState<ComponentType<BodyEditorProps>>();
  const [title, setTitle] = useState(draft?.title ?? "");
  const [keyEvent, setKeyEvent] = useState(false);
  const [pinned, setPinned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState("");
  const [replace, setReplace] = useState<{ doc: DocNode; serial: number }>();
  const body = useRef<DocNode>(draft?.body ?? EMPTY);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const form = useRef<HTMLFormElement>(null);
  const [picking, setPicking] = useState<((item: PickedImage | undefined) => void) | null>(null);
  const pickImage = () =>
    new Promise<PickedImage | undefined>((resolve) => {
      setPicking(() => (item: PickedImage | undefined) => {
        setPicking(null);
        resolve(item);
      });
    });

  useEffect(() => {
    loadEditor().then(
      (m) => setEditor(() => m.BodyEditor),
      () => setError("The editor could not be loaded: check the connection and reload."),
    );
    return () => clearTimeout(timer.current);
  }, []);

  // Editing an entry fills the composer with it; leaving the edit brings the draft back.
  useEffect(() => {
    const doc = (editing?.body as DocNode | undefined) ?? EMPTY;
    body.current = doc;
    setTitle(editing?.title ?? "");
    setKeyEvent(editing?.keyEvent ?? false);
    setPinned(editing?.pinned ?? false);
    setReplace({ doc, serial: Date.now() });
    if (editing) form.current?.querySelector<HTMLElement>(".ed-body")?.focus();
  }, [editing?.id]);

  const autosave = (nextTitle: string) => {
    if (editing) return;
    clearTimeout(timer.current);
    setSaved("");
    timer.current = setTimeout(() => {
      api
        .put(`/articles/${articleId}/live-draft`, { title: nextTitle, body: body.current })
        .then(() => setSaved("Draft saved"))
        .catch(() => setSaved("Draft not saved: offline?"));
    }, AUTOSAVE_MS);
  };

  const submit = async (e?: Event) => {
    e?.preventDefault();
    if (busy) return;
    const doc = storableDocument(body.current);
    if (!docToText(doc).trim() && !(doc.content ?? []).some((n) => n.type === "image" || n.type === "video")) {
      setError("Write the entry first.");
      return;
    }
    setBusy(true);
    setError(undefined);
    clearTimeout(timer.current);
    try {
      const payload = { body: doc, title: title.trim(), keyEvent, pinned };
      const entry = editing
        ? await api.put<LiveEntryJson>(`/articles/${articleId}/live-entries/${editing.id}`, payload)
        : await api.post<LiveEntryJson>(`/articles/${articleId}/live-entries`, payload);
      onDone(entry, !editing);
      body.current = EMPTY;
      setTitle("");
      setKeyEvent(false);
      setPinned(false);
      setSaved(editing ? "Changes saved" : entry.status === "in_review" ? "Sent for review" : "Posted");
      setReplace({ doc: EMPTY, serial: Date.now() });
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") void submit(e);
  };

  return (
    <form class="live-composer" ref={form} onSubmit={submit} onKeyDown={onKey} aria-labelledby="composer-title">
      <h2 id="composer-title">{editing ? "Change the entry" : "New entry"}</h2>
      <p class="field">
        <label for="entry-title">Title (optional)</label>
        <input
          id="entry-title"
          value={title}
          maxLength={200}
          onInput={(e) => {
            setTitle(e.currentTarget.value);
            autosave(e.currentTarget.value);
          }}
        />
      </p>
      <div class="field">
        {Editor ? (
          <Editor
            initial={body.current}
            label="Entry text"
            onChange={(doc) => {
              body.current = doc;
              autosave(title);
            }}
            pickImage={pickImage}
            {...(replace ? { replaceWith: replace } : {})}
          />
        ) : (
          !error && <p aria-live="polite">Loading the editor…</p>
        )}
      </div>
      <p class="live-composer-options">
        <label>
          <input type="checkbox" checked={keyEvent} onChange={(e) => setKeyEvent(e.currentTarget.checked)} /> Key event
        </label>
        <label>
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.currentTarget.checked)} /> Pin to the top
        </label>
      </p>
      <ErrorNote error={error} />
      <p class="live-composer-actions">
        <button type="submit" class="primary" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {editing ? "Save changes" : publishes ? "Post" : "Send for review"}
        </button>{" "}
        {editing && (
          <button type="button" onClick={onCancelEdit}>
            Cancel
          </button>
        )}{" "}
        <span class="hint">Ctrl+Enter (⌘+Enter) posts</span>{" "}
        <span class="save-note" role="status">
          {saved}
        </span>
      </p>
      {picking && <MediaPicker onClose={picking} />}
    </form>
  );
}
