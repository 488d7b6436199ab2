import type { ArticleFigures } from "../../../audience/article-figures.js";
import { api } from "../api.js";
import { useLoad } from "../hooks.js";
import { href } from "../router.js";
import { StoryTotals } from "../audience/StoryFigures.js";
import { SOURCE_LABELS, count } from "../audience/figures.js";
import type { SourceKind } from "../../../audience/audience.table.js";

/** The editor's sidebar: a published story's figures since publication, with a link to its page. */
export function StoryFiguresPanel({ articleId }: { articleId: number }) {
  const loaded = useLoad(() => api.get<ArticleFigures>(`/analytics/articles/${articleId}`), [articleId]);
  const f = loaded.data;
  return (
    <details class="panel story-figures">
      <summary>Audience</summary>
      {loaded.error ? (
        <p class="hint">{loaded.error}</p>
      ) : !f ? (
        <p aria-live="polite">Counting…</p>
      ) : (
        <>
          <StoryTotals f={f} />
          <p class="hint">
            {(Object.entries(f.sources) as [SourceKind, number][])
              .filter(([, n]) => n > 0)
              .sort((a, b) => b[1] - a[1])
              .map(([k, n]) => `${SOURCE_LABELS[k]} ${count(n)}`)
              .join(" · ") || "No views yet."}
          </p>
          <p>
            <a href={href(`/audience/articles/${articleId}`)}>All figures for this story</a>
          </p>
        </>
      )}
    </details>
  );
}
