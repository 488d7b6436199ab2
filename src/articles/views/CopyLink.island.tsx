import { useEffect, useState } from "preact/hooks";

export interface CopyLinkProps {
  url: string;
}

/**
 * "Copy link" among the share links. It needs the clipboard, so it shows only once hydrated (the
 * page's own address bar is the no-JavaScript way); the outcome is announced politely.
 */
export function CopyLink({ url }: CopyLinkProps) {
  const [ready, setReady] = useState(false);
  const [said, setSaid] = useState("");
  useEffect(() => setReady(typeof navigator !== "undefined" && navigator.clipboard !== undefined), []);
  const copy = () => {
    navigator.clipboard.writeText(url).then(
      () => setSaid("Link copied"),
      () => setSaid("Could not copy: select the address above instead"),
    );
  };
  return (
    <span class="copy-link" hidden={!ready}>
      <button type="button" onClick={copy}>
        Copy link
      </button>
      <span role="status" class="copy-link-status">
        {said}
      </span>
    </span>
  );
}
