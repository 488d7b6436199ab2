import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { attr, focusAfterRender, useFocusFirstField } from "../a11y/focus.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad } from "../hooks.js";
import { forgetLookups, listItems } from "../lookups.js";
import type { Ref, Section } from "../types.js";
import { TextField } from "./fields.js";

// Managing the paper: sections (order, name, slug, description), tags (merge two). Authors: Authors.tsx.

export function SectionsView() {
  const list = useLoad(async () => listItems(await api.get<Section[] | { items: Section[] }>("/sections")), []);
  const [editing, setEditing] = useState<Section | "new" | null>(null);
  const action = useAction();
  const sections = list.data ?? [];
  const move = (i: number, by: number) => {
    // The arrows stay enabled while a move is saved (a disabled button drops focus to the page):
    // a press meanwhile is ignored.
    if (action.busy) return;
    void action.run(async () => {
      const a = sections[i]!;
      const b = sections[i + by]!;
      // Positions are swapped so the order survives gaps left by earlier edits.
      await api.patch(`/sections/${a.id}`, { position: b.position ?? i + by });
      await api.patch(`/sections/${b.id}`, { position: a.position ?? i });
      forgetLookups();
      const fresh = listItems(await api.get<Section[] | { items: Section[] }>("/sections"));
      list.set(fresh);
      const at = fresh.findIndex((s) => s.id === a.id);
      announce(`${a.name} moved to position ${at + 1} of ${fresh.length}`);
      const [same, other] = by < 0 ? ["up", "down"] : ["down", "up"];
      void focusAfterRender([
        attr("aria-label", `Move ${a.name} ${same}`),
        attr("aria-label", `Move ${a.name} ${other}`),
      ]);
    });
  };
  return (
    <>
      <div class="view-head">
        <PageTitle title="Sections">Sections</PageTitle>
        <button
          type="button"
          class="primary"
          id="new-section"
          aria-expanded={editing === "new"}
          onClick={() => setEditing("new")}
        >
          New section
        </button>
      </div>
      <ErrorNote error={list.error ?? action.error} />
      {editing && (
        <SectionForm
          key={editing === "new" ? "new" : editing.id}
          section={editing === "new" ? undefined : editing}
          onDone={(saved) => {
            const back = editing === "new" ? "#new-section" : attr("aria-label", `Edit ${editing.name}`);
            setEditing(null);
            forgetLookups();
            list.reload();
            if (saved) announce(`Section ${saved} saved`);
            void focusAfterRender([back, "h1"]);
          }}
        />
      )}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col" class="wide-only">
              Description
            </th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sections.map((s, i) => (
            <tr key={s.id}>
              <td class="row-actions">
                <button
                  type="button"
                  class="small"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`Move ${s.name} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  class="small"
                  disabled={i === sections.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`Move ${s.name} down`}
                >
                  ↓
                </button>
              </td>
              <td>{s.name}</td>
              <td>{s.slug}</td>
              <td class="wide-only">{s.description}</td>
              <td>
                <button type="button" class="small" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function SectionForm({ section, onDone }: { section?: Section; onDone: (saved?: string) => void }) {
  const form = useFocusFirstField();
  const [name, setName] = useState(section?.name ?? "");
  const [slug, setSlug] = useState(section?.slug ?? "");
  const [description, setDescription] = useState(section?.description ?? "");
  const action = useAction();
  return (
    <form
      class="panel"
      ref={form}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          const body = { name, description, ...(slug ? { slug } : {}) };
          if (section) await api.patch(`/sections/${section.id}`, body);
          else await api.post("/sections", body);
          onDone(name);
        });
      }}
    >
      <h2>{section ? `Edit ${section.name}` : "New section"}</h2>
      <ErrorNote error={action.error} />
      <TextField id="s-name" label="Name" value={name} onChange={setName} required />
      <TextField id="s-slug" label="Slug (from the name when empty)" value={slug} onChange={setSlug} />
      <TextField id="s-desc" label="Description" value={description} onChange={setDescription} rows={2} />
      <button type="submit" class="primary" disabled={action.busy}>
        Save section
      </button>
      <button type="button" onClick={() => onDone()}>
        Cancel
      </button>
    </form>
  );
}

export function TagsView() {
  const [q, setQ] = useState("");
  const [term, setTerm] = useState("");
  const list = useLoad(async () => listItems(await api.get<Ref[] | { items: Ref[] }>("/tags", { q: term })), [term]);
  const [from, setFrom] = useState("");
  const [into, setInto] = useState("");
  const [done, setDone] = useState("");
  const action = useAction();
  const tags = list.data ?? [];
  const name = (id: string) => tags.find((t) => String(t.id) === id)?.name ?? id;
  return (
    <>
      <PageTitle title="Tags">Tags</PageTitle>
      <form
        class="filters"
        role="search"
        aria-label="Find tags"
        onSubmit={(e) => {
          e.preventDefault();
          setTerm(q.trim());
        }}
      >
        <label>
          Find tags <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorNote error={list.error} />
      <form
        class="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await api.post("/tags/merge", { fromId: Number(from), intoId: Number(into) });
            setDone(`Merged “${name(from)}” into “${name(into)}”.`);
            setFrom("");
            setInto("");
            list.reload();
          });
        }}
      >
        <h2>Merge two tags</h2>
        <p class="hint">Every article tagged with the first gets the second; the first tag’s address redirects.</p>
        <ErrorNote error={action.error} />
        <label>
          Merge
          <select required value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            <option value="">Choose…</option>
            {tags.map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          into
          <select required value={into} onChange={(e) => setInto(e.currentTarget.value)}>
            <option value="">Choose…</option>
            {tags
              .filter((t) => String(t.id) !== from)
              .map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
          </select>
        </label>{" "}
        <button type="submit" class="primary" disabled={!from || !into || from === into || action.busy}>
          Merge
        </button>
        <p role="status">{done}</p>
      </form>
      <ul class="chips">
        {tags.map((t) => (
          <li key={t.id}>
            {t.name} <span class="hint">/{t.slug}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
