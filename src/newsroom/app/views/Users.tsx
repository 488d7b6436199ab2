import { useState } from "preact/hooks";
import { announce } from "../a11y/announce.js";
import { focusAfterRender } from "../a11y/focus.js";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useLoad, useSession } from "../hooks.js";
import { formatLondon } from "../london-time.js";
import type { Role, User } from "../types.js";

const ROLES: Role[] = ["contributor", "writer", "editor", "admin"];

// Users and invitations (administrators). A role is chosen in its select and changed only by
// the row's "Change role" button: moving through a select's options with the arrow keys fires
// `change` on every step, and each was a saved, audited role change (issue 18).

export function UsersView() {
  const me = useSession().user;
  const list = useLoad(() => api.get<{ items: User[] }>("/users").then((r) => r.items), []);
  const action = useAction();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("contributor");
  const [sent, setSent] = useState("");
  const [chosen, setChosen] = useState<Record<number, Role>>({});
  const update = (user: User, patch: Partial<Pick<User, "role" | "disabled">>, focus: string) =>
    void action.run(async () => {
      const next = await api.patch<User>(`/users/${user.id}`, patch);
      list.set((list.data ?? []).map((u) => (u.id === next.id ? next : u)));
      setChosen((c) => {
        const rest = { ...c };
        delete rest[user.id];
        return rest;
      });
      announce(
        patch.role
          ? `${next.name} is now ${next.role}.`
          : next.disabled
            ? `${next.name}'s account is disabled.`
            : `${next.name}'s account is enabled.`,
      );
      void focusAfterRender([focus]);
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
                <span class="role-choice">
                  <select
                    id={`role-${u.id}`}
                    aria-label={`Role of ${u.name}`}
                    value={chosen[u.id] ?? u.role}
                    disabled={u.id === me.id}
                    onChange={(e) => {
                      const role = e.currentTarget.value as Role;
                      setChosen((c) => ({ ...c, [u.id]: role }));
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                  {chosen[u.id] && chosen[u.id] !== u.role && (
                    <button
                      type="button"
                      class="small primary"
                      disabled={action.busy}
                      onClick={() => update(u, { role: chosen[u.id]! }, `#role-${u.id}`)}
                    >
                      Change role
                      <span class="sr-only">
                        {" "}
                        of {u.name} to {chosen[u.id]}
                      </span>
                    </button>
                  )}
                </span>
              </td>
              <td>
                {u.id === me.id ? (
                  "You"
                ) : (
                  <button
                    type="button"
                    class="small"
                    id={`account-${u.id}`}
                    onClick={() => update(u, { disabled: !u.disabled }, `#account-${u.id}`)}
                  >
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
