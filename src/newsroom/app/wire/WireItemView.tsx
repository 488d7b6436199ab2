import { useEffect, useRef } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, useAction, useLoad } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import { href, navigate } from "../router.js";
import { type WireItemDetail, urgencyLabel } from "./wire-types.js";
import { WireChanges } from "./WireChanges.js";

// One wire item: what the agency sent, its versions, the drafts made from it, and "Use this".

export function WireItemView({ id, onClose }: { id: number; onClose: () => void }) {
  // From a draft's notice: what changed since the version the draft was made of.
  const since = Number(new URLSearchParams(location.search).get("since")) || undefined;
  const item = useLoad(() => api.get<WireItemDetail>(`/wire/items/${id}`), [id]);
  const action = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (item.data) heading.current?.focus();
  }, [item.data?.id]);
  const data = item.data;
  const latest = data?.versions[0];
  return (
    <section class="wire-item" aria-labelledby="wire-item-title">
      <ErrorNote error={item.error ?? action.error} />
      {data && (
        <>
          <h2 id="wire-item-title" ref={heading} tabIndex={-1}>
            {data.headline}
          </h2>
          {data.killed && (
            <p class="note note-error" role="status">
              Killed by the agency {formatLondon(data.killedAt)}: do not use.
              {data.drafts.length > 0 && " The drafts below were made from it."}
            </p>
          )}
          <dl class="wire-meta">
            <dt>Source</dt>
            <dd>
              {data.credit || data.provider}
              {data.byline && `, ${data.byline}`}
            </dd>
            <dt>Urgency</dt>
            <dd>{urgencyLabel(data.urgency)}</dd>
            <dt>Version</dt>
            <dd>
              {data.version}, {formatLondon(data.versionAt ?? data.updatedAt)}
            </dd>
            {data.embargoAt && (
              <>
                <dt>Embargo</dt>
                <dd>{formatLondon(data.embargoAt)}</dd>
              </>
            )}
            {data.url && (
              <>
                <dt>At the source</dt>
                <dd>
                  <a href={data.url} rel="noopener noreferrer" target="_blank">
                    {new URL(data.url).host}
                  </a>
                </dd>
              </>
            )}
          </dl>
          {data.standfirst && <p class="wire-standfirst">{data.standfirst}</p>}
          <div class="wire-body">
            {(latest?.text ?? "")
              .split(/\n{2,}/)
              .filter(Boolean)
              .map((p, i) => (
                <p key={i}>{p}</p>
              ))}
          </div>
          {data.images.length > 0 && <WirePictures pictures={data.images} />}
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={action.busy || data.killed}
              onClick={() =>
                void action.run(async () => {
                  const { articleId } = await api.post<{ articleId: number }>(`/wire/items/${id}/use`, {});
                  navigate(`/articles/${articleId}`);
                })
              }
            >
              Use this
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
          {data.drafts.length > 0 && (
            <>
              <h3>Drafts made from it</h3>
              <ul>
                {data.drafts.map((d) => (
                  <li key={d.id}>
                    <a href={href(`/articles/${d.id}`)}>{d.headline || "Untitled"}</a> ({d.status.replace("_", " ")},
                    from version {d.version})
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.versions.length > 1 && <WireChanges item={data} since={since} />}
          {data.versions.length > 1 && (
            <details>
              <summary>Earlier versions ({data.versions.length - 1})</summary>
              <ol reversed>
                {data.versions.slice(1).map((v) => (
                  <li key={v.version}>
                    Version {v.version}, {formatLondon(v.receivedAt)}: {v.headline}
                    {v.pubStatus === "canceled" && " (killed)"}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** The pictures offered with the item, as the agency describes them; fetched only by "Use this". */
function WirePictures({ pictures }: { pictures: WireItemDetail["images"] }) {
  return (
    <>
      <h3>Pictures offered ({pictures.length})</h3>
      <p class="hint">&ldquo;Use this&rdquo; fetches them into the media library; the first becomes the hero image.</p>
      <ul class="wire-pictures">
        {pictures.map((p, i) => (
          <li key={i}>
            <a href={p.url} rel="noopener noreferrer" target="_blank">
              {p.caption || p.alt || new URL(p.url).pathname.split("/").pop() || p.url}
            </a>
            {p.credit && <> · {p.credit}</>}
            {p.width && p.height && (
              <>
                {" "}
                · {p.width} × {p.height} px
              </>
            )}
            {p.bytes && <> · {formatBytes(p.bytes)}</>}
          </li>
        ))}
      </ul>
    </>
  );
}

const formatBytes = (n: number) =>
  n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
