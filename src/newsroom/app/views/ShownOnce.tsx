import { useEffect, useRef, useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";

// A credential the server answers once (an integration's key, a webhook's signing secret): shown
// here with a Copy button that takes the focus, so a keyboard user copies it with one Enter, and
// gone for good once dismissed or the page is left — the server keeps only what it needs.

export function ShownOnce(props: { what: string; owner: string; value: string; onDone: () => void }) {
  const copyButton = useRef<HTMLButtonElement>(null);
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string>("");
  useEffect(() => copyButton.current?.focus(), [props.value]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(`Copied the ${props.what}.`);
      announce(`The ${props.what} of ${props.owner} is copied.`);
    } catch {
      // No clipboard (an insecure origin, a refusal): select the text for the reader's own copy.
      const range = document.createRange();
      if (code.current) range.selectNodeContents(code.current);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      setCopied("The browser would not copy it: it is selected, copy it with your keyboard or menu.");
    }
  };
  const id = `shown-once-${props.what.replace(/\W+/g, "-")}`;
  return (
    <section class="panel shown-once" aria-labelledby={id}>
      <h2 id={id}>
        The {props.what} of {props.owner}
      </h2>
      <p>
        Shown this once: copy it now and keep it somewhere safe. It cannot be shown again; if it is lost, make a new
        one.
      </p>
      <p>
        <code ref={code} class="secret-value">
          {props.value}
        </code>
      </p>
      <div class="row-actions">
        <button ref={copyButton} type="button" class="primary" onClick={() => void copy()}>
          Copy the {props.what}
        </button>
        <button type="button" onClick={props.onDone}>
          Done: hide it
        </button>
      </div>
      <p role="status" class="copied">
        {copied}
      </p>
    </section>
  );
}
