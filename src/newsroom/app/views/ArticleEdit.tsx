import type { ComponentType } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { type SaveState, SaveQueue, readStoredEdits, savedAt } from "../autosave.js";
import type { BodyEditorProps, PickedImage } from "../editor/BodyEditor.js";
import { ErrorNote, PageTitle, useLoad } from "../hooks.js";
import { href } from "../router.js";
import { WireNotice } from "../wire/WireNotice.js";
import { loadSections } from "../lookups.js";
import { countWords, readingMinutes, storableDocument } from "../text.js";
import type { ArticleDraft, DocNode, DraftFields, Ref } from "../types.js";
import { FIELD_NAMES } from "../types.js";
import { sendSave } from "../article-save.js";
import { statusText } from "../pending.js";
import { PresenceNote } from "./Presence.js";
import { ConflictView, SaveStatus } from "./SaveStatus.js";
import { AuthorPicker } from "./AuthorPicker.js";
import { EmbargoField, SlugField } from "./fields.js";
import { TagPicker } from "./TagPicker.js";
import { MediaPicker } from "./MediaLibrary.js";
import { RevisionsPanel } from "./Revisions.js";
import { WorkflowPanel } from "./Workflow.js";
import { DeleteArticle } from "./Trash.js";
import { StoryFiguresPanel } from "./StoryFiguresPanel.js";
import { EditorsNotes, ImagesAndVideo, type SetField, SearchAndSocial } from "./ArticleSettings.js";

// The article editor: every field of the draft, the body in TipTap, autosave with offline
// keeping and conflict handling, the workflow for the person's role, and revisions.

export const fieldsOf = (draft: ArticleDraft): DraftFields =>
  Object.fromEntries(FIELD_NAMES.map((f) => [f, draft[f]])) as unknown as DraftFields;

let editorModule: Promise<{ BodyEditor: ComponentType<BodyEditorProps> }> | undefined;
const loadEditor = () => (editorModule ??= import("../editor/BodyEditor.js"));

export function ArticleEdit({ id }: { id: number }) {
  const loaded = useLoad(() => api.get<ArticleDraft>(`/articles/${id}`), [id]);
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!loaded.data) return <p aria-live="polite">Opening the article…</p>;
  return <Editing initial={loaded.data} />;
}

function Editing({ initial }: { initial: ArticleDraft }) {
  const [draft, setDraft] = useState(initial);
  const [fields, setFields] = useState<DraftFields>(() => fieldsOf(initial));
  const [saveState, setSaveState] = useState<SaveState>({ kind: "saved", at: savedAt(initial) });
  const [editor, setEditor] = useState<ComponentType<BodyEditorProps>>();
  const [editorError, setEditorError] = useState<string>();
  const [replaceBody, setReplaceBody] = useState<{ doc: DocNode; serial: number }>();
  const [refs, setRefs] = useState<{ tags: Ref[]; authors: Ref[] }>({ tags: initial.tags, authors: initial.authors });
  const [picking, setPicking] = useState<((item: PickedImage | undefined) => void) | null>(null);
  const sections = useLoad(loadSections, []);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;

  const queue = useMemo(
    () =>
      new SaveQueue({
        base: initial,
        store: localStorage,
        send: (baseVersion, patch) => sendSave(initial.id, baseVersion, patch),
        onState: setSaveState,
        onSaved: (d) => {
          setDraft(d);
          setRefs((r) => ({
            tags: d.tags.length ? d.tags : r.tags,
            authors: d.authors.length ? d.authors : r.authors,
          }));
        },
        isOnline: () => navigator.onLine,
      }),
    [initial.id],
  );

  useEffect(() => {
    const stored = readStoredEdits(localStorage, initial.id);
    if (stored) {
      setFields((f) => ({ ...f, ...stored.patch }));
      if (stored.patch.body) setReplaceBody({ doc: stored.patch.body, serial: Date.now() });
      queue.restore(stored);
    }
    const online = () => void queue.flush();
    const leaving = () => void queue.flush();
    const saveKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s") {
        e.preventDefault();
        void queue.flush();
      }
    };
    addEventListener("online", online);
    addEventListener("pagehide", leaving);
    addEventListener("keydown", saveKey);
    loadEditor().then(
      (m) => setEditor(() => m.BodyEditor),
      () => setEditorError("The editor could not be loaded: check the connection and reload."),
    );
    return () => {
      removeEventListener("online", online);
      removeEventListener("pagehide", leaving);
      removeEventListener("keydown", saveKey);
      void queue.flush().finally(() => queue.stop());
    };
  }, [queue]);

  const set: SetField = (field, value) => {
    setFields((f) => ({ ...f, [field]: value }));
    queue.edit(field, (field === "body" ? storableDocument(value as DocNode) : value) as never);
  };

  /** Replaces the whole form with a version from the server (their version, a restore). */
  const showVersion = (d: ArticleDraft, keep: Partial<DraftFields> = {}) => {
    const next = { ...fieldsOf(d), ...keep };
    setFields(next);
    setRefs((r) => ({ tags: [...d.tags, ...r.tags], authors: [...d.authors, ...r.authors] }));
    setReplaceBody({ doc: next.body, serial: Date.now() });
  };

  const pickImage = () =>
    new Promise<PickedImage | undefined>((resolve) => {
      setPicking(() => (item: PickedImage | undefined) => {
        setPicking(null);
        resolve(item);
      });
    });

  const words = countWords(fields.standfirst, fields.body);
  const Body = editor;
  const title = fields.headline || "Untitled article";
  return (
    <div class="article-edit">
      <div class="view-head">
        <PageTitle title={`Edit: ${title}`}>
          <span class="sr-only">Edit: </span>
          {title}
        </PageTitle>
        <span class={`status status-${draft.pending ? "pending" : draft.status}`}>{statusText(draft)}</span>
        <SaveStatus state={saveState} onRetry={() => void queue.flush()} />
        <a class="live-desk-link" href={href(`/articles/${draft.id}/live`)}>
          Live blog
        </a>
      </div>
      <PresenceNote articleId={initial.id} />
      <WireNotice articleId={draft.id} />
      {saveState.kind === "conflict" && (
        <ConflictView
          state={saveState}
          current={fields}
          onResolve={(theirs, patch) => {
            showVersion(theirs, patch);
            queue.resolve(theirs, patch);
          }}
        />
      )}
      <div class="edit-grid">
        <div class="edit-main">
          <p class="field">
            <label for="kicker">Kicker</label>
            <input
              id="kicker"
              value={fields.kicker}
              maxLength={60}
              onInput={(e) => set("kicker", e.currentTarget.value)}
            />
          </p>
          <p class="field">
            <label for="headline">Headline</label>
            <textarea
              id="headline"
              class="headline-input"
              rows={2}
              maxLength={200}
              value={fields.headline}
              onInput={(e) => set("headline", e.currentTarget.value.replace(/\n/g, " "))}
            />
          </p>
          <p class="field">
            <label for="standfirst">Standfirst</label>
            <textarea
              id="standfirst"
              rows={3}
              maxLength={600}
              value={fields.standfirst}
              onInput={(e) => set("standfirst", e.currentTarget.value)}
            />
          </p>
          <div class="field">
            <span class="label" id="body-label">
              Body
            </span>
            {editorError && <ErrorNote error={editorError} />}
            {Body ? (
              <Body
                initial={fields.body}
                onChange={(doc) => set("body", doc)}
                pickImage={pickImage}
                replaceWith={replaceBody}
              />
            ) : (
              !editorError && <p aria-live="polite">Loading the editor…</p>
            )}
          </div>
          <p class="counts" aria-live="off">
            {words} words · {readingMinutes(words)} min read
          </p>
        </div>
        <aside class="edit-side" aria-label="Article settings">
          <WorkflowPanel
            draft={draft}
            baseVersion={() => queue.version}
            beforeAction={async () => {
              await queue.flush();
              return !queue.hasPending && queue.current.kind !== "conflict";
            }}
            onChange={(d) => {
              queue.adopt(d);
              setDraft(d);
            }}
            onDiscarded={(d) => {
              queue.adopt(d);
              setDraft(d);
              showVersion(d);
            }}
          />
          <DeleteArticle draft={draft} beforeAction={() => queue.flush().then(() => true)} />
          <details open>
            <summary>Placement</summary>
            <SlugField
              articleId={draft.id}
              headline={fields.headline}
              slug={fields.slug}
              published={draft.publishedAt !== null}
              onChange={(slug) => set("slug", slug)}
            />
            <p class="field">
              <label for="section">Section</label>
              <select
                id="section"
                value={fields.sectionId === null ? "" : String(fields.sectionId)}
                onChange={(e) => set("sectionId", Number(e.currentTarget.value))}
              >
                {fields.sectionId === null && <option value="">Choose a section</option>}
                {sections.data?.map((s) => (
                  <option key={s.id} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
              </select>
            </p>
            <TagPicker
              ids={fields.tagIds}
              known={refs.tags}
              onChange={(ids, known) => {
                setRefs((r) => ({ ...r, tags: [...known, ...r.tags] }));
                set("tagIds", ids);
              }}
            />
            <AuthorPicker ids={fields.authorIds} known={refs.authors} onChange={(ids) => set("authorIds", ids)} />
            <label class="check">
              <input
                type="checkbox"
                checked={fields.breaking}
                onChange={(e) => set("breaking", e.currentTarget.checked)}
              />
              Breaking news
            </label>
            <EmbargoField key={draft.id} value={fields.embargoAt} onChange={(iso) => set("embargoAt", iso)} />
          </details>
          <ImagesAndVideo fields={fields} set={set} pickImage={pickImage} />
          <SearchAndSocial fields={fields} set={set} pickImage={pickImage} />
          <EditorsNotes fields={fields} set={set} />
          {draft.publishedAt !== null && draft.status === "published" && <StoryFiguresPanel articleId={draft.id} />}
          <RevisionsPanel
            articleId={draft.id}
            version={draft.version}
            baseVersion={() => queue.version}
            beforeRestore={async () => {
              await queue.flush();
              return queue.current.kind !== "conflict";
            }}
            onRestored={(d) => {
              queue.adopt(d);
              showVersion(d);
            }}
          />
        </aside>
      </div>
      {picking && <MediaPicker onClose={picking} />}
    </div>
  );
}
