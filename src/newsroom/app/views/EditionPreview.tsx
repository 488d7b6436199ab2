import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, useAction, useLoad } from "../hooks.js";

// The email as a subscriber gets it, at desktop and phone widths in a sandboxed frame and as plain
// text, and a test sent to one address; both show the saved edition and say so while the screen has
// more (issue 18).

/** Said beside the preview and the test send while the editor holds changes not yet saved. */
function UnsavedWarning({ what }: { what: string }) {
  return (
    <p class="note note-warn unsaved-warning" role="status">
      {what} the saved edition: your unsaved changes are not included. Save the edition first to include them.
    </p>
  );
}

export function EditionTestSend({ id, unsaved }: { id: number; unsaved: boolean }) {
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

export function EditionPreview({ id, serial, unsaved }: { id: number; serial: number; unsaved: boolean }) {
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
