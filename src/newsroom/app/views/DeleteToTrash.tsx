import { useState } from "preact/hooks";
import { api } from "../api.js";
import { announce } from "../a11y/announce.js";
import { focusAfterRender } from "../a11y/focus.js";
import { useAction } from "../hooks.js";
import { href } from "../router.js";

// Delete on the Media and Video screens (issue 18, docs/adr/025 and 031): the button reveals a
// confirmation that takes focus (aria-expanded on the button, Escape or Cancel give focus back);
// "Yes, move it to the Trash" sends DELETE. A refusal — the image or video is still used, and the
// server names by what — is shown beside the button, read out, and takes focus; a success is
// announced and the screen moves focus where it continues (`onDeleted`).

export function DeleteToTrash(props: {
  /** "image" or "video": the words and the element ids. */
  what: "image" | "video";
  name: string;
  path: string;
  onDeleted: () => void;
}) {
  const { what, name } = props;
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState("");
  const action = useAction();
  const ids = { button: `delete-${what}`, group: `delete-${what}-confirm`, ask: `delete-${what}-ask` };
  const close = () => {
    setConfirming(false);
    void focusAfterRender([`#${ids.button}`]);
  };
  const remove = () =>
    void action.run(async () => {
      try {
        await api.delete(props.path);
      } catch (err) {
        setConfirming(false);
        const message = err instanceof Error ? err.message : String(err);
        setRefusal(message);
        announce(message);
        void focusAfterRender([`#delete-${what}-refusal`]);
        return;
      }
      announce(`“${name}” moved to the Trash. You can restore it from the Trash for 30 days.`);
      props.onDeleted();
    });
  return (
    <section class="delete-to-trash" aria-label={`Delete the ${what}`}>
      <button
        type="button"
        id={ids.button}
        aria-expanded={confirming}
        aria-controls={ids.group}
        onClick={() => {
          setRefusal("");
          setConfirming(!confirming);
          if (!confirming) void focusAfterRender([`#${ids.ask}`]);
        }}
      >
        Delete {what}…
      </button>
      {confirming && (
        <div
          class="confirm"
          role="group"
          id={ids.group}
          aria-labelledby={ids.ask}
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
        >
          <p id={ids.ask} tabIndex={-1}>
            Move “{name}” to the Trash? It leaves the site at once; you can restore it from the Trash for 30 days.
          </p>
          <button type="button" aria-disabled={action.busy} onClick={() => !action.busy && remove()}>
            Yes, move it to the Trash
          </button>{" "}
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      )}
      {refusal && (
        <p class="note note-error" id={`delete-${what}-refusal`} tabIndex={-1}>
          {refusal}
        </p>
      )}
      <p class="hint">
        Deleted {what}s wait in the <a href={href("/trash")}>Trash</a> for 30 days.
      </p>
    </section>
  );
}
