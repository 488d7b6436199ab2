import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { attr, focusAfterRender, useFocusFirstField } from "../a11y/focus.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad, useSession } from "../hooks.js";
import { forgetLookups, listItems } from "../lookups.js";
import type { Author } from "../types.js";
import { TextField } from "./fields.js";

// Author profiles (docs/adr/025): editors manage them all, decide which may be added as co-authors
// by writers and contributors, and delete unlinked ones; everyone edits their own under Your account.

export function AuthorsView() {
  const list = useLoad(async () => listItems(await api.get<Author[] | { items: Author[] }>("/authors")), []);
  const [editing, setEditing] = useState<Author | "new" | null>(null);
  const remove = useAction();
  return (
    <>
      <div class="view-head">
        <PageTitle title="Authors">Authors</PageTitle>
        <button
          type="button"
          class="primary"
          id="new-author"
          aria-expanded={editing === "new"}
          onClick={() => setEditing("new")}
        >
          New author
        </button>
      </div>
      <ErrorNote error={list.error} />
      <ErrorNote error={remove.error} />
      {editing && (
        <AuthorForm
          key={editing === "new" ? "new" : editing.id}
          author={editing === "new" ? undefined : editing}
          onDone={(saved) => {
            // Focus goes back to the button that opened the form, and a save is announced.
            const back = editing === "new" ? "#new-author" : attr("aria-label", `Edit ${editing.name}`);
            setEditing(null);
            forgetLookups();
            list.reload();
            if (saved) announce(`Author ${saved} saved`);
            void focusAfterRender([back, "h1"]);
          }}
        />
      )}
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" class="wide-only">
              Role
            </th>
            <th scope="col" class="wide-only">
              Linked user
            </th>
            <th scope="col" class="wide-only">
              Co-author
            </th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td class="wide-only">{a.role}</td>
              <td class="wide-only">{a.userId ?? "—"}</td>
              <td class="wide-only">{a.coByline ? "Open" : "—"}</td>
              <td>
                <span class="row-actions">
                  <button type="button" class="small" onClick={() => setEditing(a)} aria-label={`Edit ${a.name}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    class="small"
                    disabled={remove.busy}
                    aria-label={`Delete ${a.name}`}
                    onClick={() => {
                      if (!confirm(`Delete the author ${a.name}? Only an author on no byline and no account can go.`))
                        return;
                      void remove.run(async () => {
                        await api.delete(`/authors/${a.id}`);
                        forgetLookups();
                        list.reload();
                      });
                    }}
                  >
                    Delete
                  </button>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const linksText = (links: Author["links"]) => (links ?? []).map((l) => `${l.label} ${l.url}`).join("\n");

/** "Label https://…" a line; a bare address is labelled with its host. */
export function parseLinks(text: string): { label: string; url: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.search(/\S+$/);
      const url = line.slice(at);
      let label = line.slice(0, at).trim();
      if (!label) {
        try {
          label = new URL(url).hostname.replace(/^www\./, "");
        } catch {
          label = url;
        }
      }
      return { label: label.slice(0, 40), url };
    });
}

/** The signed-in person's own profile: name, job title, biography, photo and links. */
export function OwnProfile() {
  const { user } = useSession();
  const list = useLoad(async () => listItems(await api.get<Author[] | { items: Author[] }>("/authors")), []);
  const own = list.data?.find((a) => a.userId === user.id);
  const [saved, setSaved] = useState(0);
  return (
    <section aria-labelledby="own-profile">
      <ErrorNote error={list.error} />
      {own && (
        <AuthorForm
          key={`${own.id}-${saved}`}
          author={own}
          own
          onDone={() => {
            forgetLookups();
            setSaved(saved + 1);
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function AuthorForm({
  author,
  own = false,
  onDone,
}: {
  author?: Author;
  own?: boolean;
  onDone: (saved?: string) => void;
}) {
  const form = useFocusFirstField();
  const [name, setName] = useState(author?.name ?? "");
  const [slug, setSlug] = useState(author?.slug ?? "");
  const [role, setRole] = useState(author?.role ?? "");
  const [bio, setBio] = useState(author?.bio ?? "");
  const [photo, setPhoto] = useState(author?.photoMediaId ? String(author.photoMediaId) : "");
  const [links, setLinks] = useState(linksText(author?.links));
  const [userId, setUserId] = useState(author?.userId ? String(author.userId) : "");
  const [coByline, setCoByline] = useState(author?.coByline ?? false);
  const [done, setDone] = useState("");
  const users = useLoad(
    () =>
      own
        ? Promise.resolve({ items: [] })
        : api.get<{ items: { id: number; name: string }[] }>("/users").catch(() => ({ items: [] })),
    [],
  );
  const action = useAction();
  return (
    <form
      class="panel"
      ref={own ? undefined : form}
      onKeyDown={(e) => {
        if (!own && e.key === "Escape") onDone();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          const mine = { name, role, bio, photoMediaId: photo ? Number(photo) : null, links: parseLinks(links) };
          // Address, account and co-byline are the editors' to change.
          const body = own
            ? mine
            : { ...mine, ...(slug ? { slug } : {}), userId: userId ? Number(userId) : null, coByline };
          if (author) await api.patch(`/authors/${author.id}`, body);
          else await api.post("/authors", body);
          if (own) setDone("Profile saved.");
          onDone(name);
        });
      }}
    >
      <h2 id={own ? "own-profile" : undefined}>
        {own ? "Your author profile" : author ? `Edit ${author.name}` : "New author"}
      </h2>
      {own && <p class="hint">Your byline on stories and your page on the site.</p>}
      <ErrorNote error={action.error} />
      {done && <p role="status">{done}</p>}
      <TextField id="a-name" label="Name" value={name} onChange={setName} required />
      {!own && <TextField id="a-slug" label="Slug (from the name when empty)" value={slug} onChange={setSlug} />}
      <TextField id="a-role" label="Job title" value={role} onChange={setRole} />
      <TextField id="a-bio" label="Biography" value={bio} onChange={setBio} rows={3} />
      <TextField id="a-photo" label="Photo (media number)" value={photo} onChange={setPhoto} inputMode="numeric" />
      <TextField
        id="a-links"
        label="Links (one a line: a label, then the https address)"
        value={links}
        onChange={setLinks}
        rows={2}
      />
      {!own && (
        <label class="check">
          <input type="checkbox" checked={coByline} onChange={(e) => setCoByline(e.currentTarget.checked)} />
          Writers and contributors may add this author as a co-author
        </label>
      )}
      {!own && (
        <p class="field">
          <label for="a-user">Newsroom account</label>
          <select id="a-user" value={userId} onChange={(e) => setUserId(e.currentTarget.value)}>
            <option value="">Not linked</option>
            {users.data?.items.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
          </select>
        </p>
      )}
      <button type="submit" class="primary" disabled={action.busy}>
        {own ? "Save profile" : "Save author"}
      </button>
      {!own && (
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
      )}
    </form>
  );
}
