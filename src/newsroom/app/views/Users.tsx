import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad, useSession } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import type { Role, User } from "../types.js";

const ROLES: Role[] = ["contributor", "writer", "editor", "admin"];

// Users and invitations (administrators).

export function UsersView() {
  const me = useSession().user;
  const list = useLoad(() => api.get<{ items: User[] }>("/users").then((r) => r.items), []);
  const action = useAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("contributor");
  const [sent, setSent] = useState("");
  const update = (user: User, patch: Partial<Pick<User, "role" | "disabled">>) =>
    void action.run(async () => {
      const next = await api.patch<User>(`/users/${user.id}`, patch);
      list.set((list.data ?? []).map((u) => (u.id === next.id ? next : u)));
    });
  return (
    <>
      <PageTitle title="Users">Users</PageTitle>
      <ErrorNote error={list.error ?? action.error} />
      <form
        class="panel inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            const inv = await api.post<{ email: string; role: Role; expiresAt: string }>("/invitations", {
              email,
              role,
            });
            setSent(
              `Invitation sent to ${inv.email} as ${inv.role}; the link works until ${formatLondon(inv.expiresAt)}.`,
            );
            setEmail("");
          });
        }}
      >
        <h2>Invite someone</h2>
        <span class="stack">
          <label for="invite-email">Email</label>
          <input
            id="invite-email"
            type="email"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </span>
        <span class="stack">
          <label for="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </span>
        <button type="submit" class="primary" disabled={action.busy}>
          Send invitation
        </button>
        <p role="status">{sent}</p>
      </form>
      <table class="list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" class="wide-only">
              Email
            </th>
            <th scope="col">Role</th>
            <th scope="col">Account</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td class="wide-only">{u.email}</td>
              <td>
                <select
                  aria-label={`Role of ${u.name}`}
                  value={u.role}
                  disabled={u.id === me.id}
                  onChange={(e) => update(u, { role: e.currentTarget.value as Role })}
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>
                {u.id === me.id ? (
                  "You"
                ) : (
                  <button type="button" class="small" onClick={() => update(u, { disabled: !u.disabled })}>
                    {u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
