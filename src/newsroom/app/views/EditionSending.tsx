import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, useAction } from "../hooks.js";
import { formatLondon, zoneLabel } from "../london-time.js";
import {
  EDITION_STATUS_LABELS,
  type EditionDetail,
  canResume,
  canRetryFailed,
  isEditable,
} from "../newsletters/newsletter-types.js";
import { focusAfterRender } from "../a11y/focus.js";

// An edition's sending: hold, release or send now (with a confirmation) while it has not gone;
// resume, hold or retry the failed deliveries once it has.

export function EditionSending({ edition, onSaved }: { edition: EditionDetail; onSaved: (e: EditionDetail) => void }) {
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
