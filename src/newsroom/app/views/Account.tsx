import { OwnProfile } from "./Authors.js";
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { ErrorNote, PageTitle, useAction, useSession } from "../hooks.js";
import { NotificationSettings } from "./NotificationSettings.js";

// One's own account: change the password, the workflow emails, sign out on every device.

export function Account() {
  const { user, signOut } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [done, setDone] = useState("");
  const change = useAction();
  const everywhere = useAction();
  return (
    <>
      <PageTitle title="Your account">Your account</PageTitle>
      <p>
        {user.name} · {user.email} · {user.role}
      </p>
      <OwnProfile />
      <form
        class="panel auth-form"
        onSubmit={(e) => {
          e.preventDefault();
          void change.run(async () => {
            await api.post("/password", { currentPassword: current, newPassword: next });
            setCurrent("");
            setNext("");
            setDone("Password changed.");
          });
        }}
      >
        <h2>Change your password</h2>
        <ErrorNote error={change.error} />
        <p class="field">
          <label for="pw-current">Current password</label>
          <input
            id="pw-current"
            type="password"
            required
            autoComplete="current-password"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </p>
        <p class="field">
          <label for="pw-new">New password</label>
          <input
            id="pw-new"
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            aria-describedby="pw-new-hint"
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
          <span class="hint" id="pw-new-hint">
            10 to 200 characters; common passwords are refused.
          </span>
        </p>
        <button type="submit" class="primary" disabled={change.busy}>
          Change password
        </button>
        <span role="status"> {done}</span>
      </form>
      <NotificationSettings />
      <section class="panel auth-form">
        <h2>Sign out everywhere</h2>
        <p>Ends every session of your account, on every device, this one included.</p>
        <ErrorNote error={everywhere.error} />
        <button
          type="button"
          disabled={everywhere.busy}
          onClick={() =>
            void everywhere.run(async () => {
              await api.post("/logout-everywhere");
              await signOut();
            })
          }
        >
          Sign out everywhere
        </button>
      </section>
    </>
  );
}
