import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { type EditionDraft, draftOf, editionChanges } from "../newsletters/edition-edits.js";
import { EDITION_STATUS_LABELS, type EditionDetail, type Newsletter } from "../newsletters/newsletter-types.js";
import { href } from "../router.js";
import { EditionAudience } from "./EditionAudience.js";
import { EditionEditor } from "./EditionEditor.js";
import { EditionPreview, EditionTestSend } from "./EditionPreview.js";
import { EditionSending } from "./EditionSending.js";

// One edition (issue 4): the intro, the items reordered by drag and drop or Up/Down buttons (the
// keyboard way, WCAG 2.5.7), cut, and their one-line summaries; hold, release or send now (with a
// confirmation); the email previewed as a subscriber gets it at desktop and phone widths in a
// sandboxed frame, and as plain text; a test sent to one address. The parts: EditionEditor (the
// contents), EditionSending (hold, release, send now), EditionPreview (the preview and the test).

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
          <EditionSending edition={edition} onSaved={saved} />
          {edition.deliveries.delivered + edition.deliveries.failed > 0 && <EditionAudience id={edition.id} />}
          <EditionTestSend id={edition.id} unsaved={unsaved} />
        </div>
        <EditionPreview id={edition.id} serial={previewSerial} unsaved={unsaved} />
      </div>
    </>
  );
}
