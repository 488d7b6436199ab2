import { api } from "../api.js";
import { useLoad } from "../hooks.js";
import { listItems, loadSections } from "../lookups.js";
import type { Newsletter } from "../newsletters/newsletter-types.js";

// Where a digest's stories come from: one section, one topic or every section.

export type Source = { section: { id: number; name: string }[]; tag: { id: number; name: string }[] };

/** "section:3", "tag:7" or "" (every section) ⇄ the API's sectionId/tagId. */
export const sourceValue = (n: Pick<Newsletter, "source">) =>
  n.source.section ? `section:${n.source.section.id}` : n.source.tag ? `tag:${n.source.tag.id}` : "";
export function sourceBody(value: string): { sectionId: number | null; tagId: number | null } {
  const [kind, id] = value.split(":");
  return { sectionId: kind === "section" ? Number(id) : null, tagId: kind === "tag" ? Number(id) : null };
}

export function useSources(enabled: boolean) {
  return useLoad(async (): Promise<Source | undefined> => {
    if (!enabled) return undefined;
    const [section, tag] = await Promise.all([
      loadSections(),
      api.get<{ id: number; name: string }[] | { items: { id: number; name: string }[] }>("/tags").then(listItems),
    ]);
    return { section, tag };
  }, [enabled]);
}

export function SourceSelect({
  value,
  onChange,
  sources,
}: {
  value: string;
  onChange: (v: string) => void;
  sources?: Source;
}) {
  return (
    <label>
      Stories from
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">Every section</option>
        {sources && sources.section.length > 0 && (
          <optgroup label="A section">
            {sources.section.map((s) => (
              <option key={`s${s.id}`} value={`section:${s.id}`}>
                {s.name}
              </option>
            ))}
          </optgroup>
        )}
        {sources && sources.tag.length > 0 && (
          <optgroup label="A topic">
            {sources.tag.map((t) => (
              <option key={`t${t.id}`} value={`tag:${t.id}`}>
                {t.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
