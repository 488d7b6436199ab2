import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, useLoad } from "../hooks.js";
import { FIELD_LABELS } from "../labels.js";
import { DiffText } from "../views/DiffText.js";
import type { WireChanges as Changes, WireItemDetail } from "./wire-types.js";

// What changed in an item since an earlier version: the latest words against the version chosen
// (by default the one before it; from a draft's notice, the version the draft was made of).

export function WireChanges({ item, since }: { item: WireItemDetail; since?: number | undefined }) {
  const earlier = item.versions.slice(1).map((v) => v.version);
  const [from, setFrom] = useState(since !== undefined && earlier.includes(since) ? since : earlier[0]);
  const changes = useLoad(
    () => api.get<Changes>(`/wire/items/${item.id}/changes`, { from, to: item.version }),
    [item.id, item.version, from],
  );
  if (from === undefined) return null;
  return (
    <section class="wire-changes" aria-labelledby="wire-changes-title">
      <h3 id="wire-changes-title">What changed in version {item.version}</h3>
      <label>
        Since{" "}
        <select value={String(from)} onChange={(e) => setFrom(Number(e.currentTarget.value))}>
          {item.versions.slice(1).map((v) => (
            <option key={v.version} value={String(v.version)}>
              version {v.version}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={changes.error} />
      {changes.data && changes.data.fields.length === 0 && <p>The words are the same in both versions.</p>}
      {changes.data?.fields.map((f) => (
        <div key={f.field}>
          <h4>{FIELD_LABELS[f.field] ?? f.field}</h4>
          <DiffText changes={f.changes} />
        </div>
      ))}
    </section>
  );
}
