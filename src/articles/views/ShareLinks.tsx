import { Island } from "../../platform/render/island.js";
import { CopyLink } from "./CopyLink.island.js";

/**
 * Sharing a story: copy the link, email it, or plain links to the networks' own share pages. No
 * network's script or button is loaded: nothing leaves the page until the reader clicks.
 */
export function ShareLinks({ url, headline }: { url: string; headline: string }) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(headline);
  const links: [string, string][] = [
    ["Email", `mailto:?subject=${t}&body=${encodeURIComponent(`${headline}\n\n${url}`)}`],
    ["X", `https://x.com/intent/post?url=${u}&text=${t}`],
    ["Facebook", `https://www.facebook.com/sharer/sharer.php?u=${u}`],
    ["LinkedIn", `https://www.linkedin.com/sharing/share-offsite/?url=${u}`],
    ["WhatsApp", `https://wa.me/?text=${encodeURIComponent(`${headline} ${url}`)}`],
    ["Bluesky", `https://bsky.app/intent/compose?text=${encodeURIComponent(`${headline} ${url}`)}`],
  ];
  return (
    <nav class="share" aria-label="Share this story">
      <h2 class="share-title">Share</h2>
      <ul>
        <li>
          <Island name="CopyLink" component={CopyLink} props={{ url }} />
        </li>
        {links.map(([name, href]) => (
          <li>
            <a href={href} rel="noopener noreferrer nofollow">
              <span class="visually-hidden">{name === "Email" ? "Share by " : "Share on "}</span>
              {name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
