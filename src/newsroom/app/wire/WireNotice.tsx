import { api } from "../api.js";
import { useLoad } from "../hooks.js";
import { href } from "../router.js";
import type { WireSource } from "./wire-types.js";

// Above the editor of a draft made from wire copy: where it came from, and loudly, a kill or a
// newer version of the item since the draft was made.

export function WireNotice({ articleId }: { articleId: number }) {
  const sources = useLoad(
    () => api.get<{ sources: WireSource[] }>(`/wire/articles/${articleId}`).then((r) => r.sources),
    [articleId],
  );
  return (
    <>
      {(sources.data ?? []).map((s) =>
        s.killed ? (
          <p key={s.itemId} class="note note-error" role="alert">
            The agency killed the wire item this story was made from ({s.provider}, “{s.headline}”). Do not publish it
            as it stands. <a href={href(`/wire/${s.itemId}`)}>Open the item</a>
          </p>
        ) : s.newerVersion ? (
          <p key={s.itemId} class="note note-warn" role="status">
            {s.provider} sent version {s.latestVersion} of the item this story was made from (version {s.usedVersion}).{" "}
            <a href={href(`/wire/${s.itemId}?since=${s.usedVersion}`)}>See what changed</a>
          </p>
        ) : (
          <p key={s.itemId} class="wire-from">
            Made from wire copy:{" "}
            <a href={href(`/wire/${s.itemId}`)}>
              {s.provider}, “{s.headline}”
            </a>
          </p>
        ),
      )}
    </>
  );
}
