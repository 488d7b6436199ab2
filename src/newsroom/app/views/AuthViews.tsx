import { useEffect, useState } from "preact/hooks";
import { ApiError, api, describeError } from "../api.js";
import { ErrorNote, PageTitle, useAction } from "../hooks.js";
import { href, navigate, useRoute } from "../router.js";
import type { Role, User } from "../types.js";

// Everything before a session: first-run setup, sign in, password reset (request, then the
// emailed link), and accepting an invitation. Tokens come in the URL fragment, which never
// reaches a server log.

type Signed = { user: User; csrfToken: string };
type Props = { setupNeeded: boolean; onSignedIn: (s: Signed) => void; siteName: string; notice?: string };

const tokenFromHash = () => new URLSearchParams(location.hash.slice(1)).get("token") ?? "";

export function AuthViews({ setupNeeded, onSignedIn, siteName, notice }: Props) {
  const { path } = useRoute();
  useEffect(() => {
    if (setupNeeded && path !== "/setup") navigate("/setup", { replace: true });
  }, [setupNeeded, path]);
  let view;
  if (setupNeeded || path === "/setup") view = <Setup onSignedIn={onSignedIn} />;
  else if (path === "/forgot-password") view = <ResetRequest />;
  else if (path === "/reset-password") view = <ResetConfirm onSignedIn={onSignedIn} />;
  else if (path === "/invitation") view = <AcceptInvitation onSignedIn={onSignedIn} />;
  else view = <SignIn onSignedIn={onSignedIn} />;
  return (
    <main id="main" tabIndex={-1} class="auth">
      <p class="auth-brand">{siteName} Newsroom</p>
      <ErrorNote error={notice} />
      {view}
    </main>
  );
}

function Field(props: {
  label: string;
  type?: string;
  value: string;
  onInput: (v: string) => void;
  autoComplete?: string;
  hint?: string;
  minLength?: number;
}) {
  const id = `f-${props.label.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? "text"}
        value={props.value}
        required
        minLength={props.minLength}
        autoComplete={props.autoComplete}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint && (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
    </p>
  );
}

const PASSWORD_HINT = "10 to 200 characters; common passwords are refused.";

function SignIn({ onSignedIn }: { onSignedIn: (s: Signed) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => onSignedIn(await api.post<Signed>("/login", { email, password })));
  };
  return (
    <form onSubmit={submit} class="auth-form">
      <PageTitle title="Sign in">Sign in</PageTitle>
      <ErrorNote error={action.error} />
      <Field label="Email" type="email" value={email} onInput={setEmail} autoComplete="username" />
      <Field label="Password" type="password" value={password} onInput={setPassword} autoComplete="current-password" />
      <button type="submit" class="primary" disabled={action.busy}>
        Sign in
      </button>
      <p>
        <a href={href("/forgot-password")}>Forgotten your password?</a>
      </p>
    </form>
  );
}

function Setup({ onSignedIn }: { onSignedIn: (s: Signed) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => onSignedIn(await api.post<Signed>("/setup", { name, email, password })));
  };
  return (
    <form onSubmit={submit} class="auth-form">
      <PageTitle title="Set up the newsroom">Set up the newsroom</PageTitle>
      <p>No one has an account yet. The first account is the administrator’s.</p>
      <ErrorNote error={action.error} />
      <Field label="Your name" value={name} onInput={setName} autoComplete="name" />
      <Field label="Email" type="email" value={email} onInput={setEmail} autoComplete="username" />
      <Field
        label="Password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        minLength={10}
        hint={PASSWORD_HINT}
      />
      <button type="submit" class="primary" disabled={action.busy}>
        Create the administrator account
      </button>
    </form>
  );
}

function ResetRequest() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.post("/password-reset", { email });
      setSent(true);
    });
  };
  return (
    <form onSubmit={submit} class="auth-form">
      <PageTitle title="Reset your password">Reset your password</PageTitle>
      <ErrorNote error={action.error} />
      {sent ? (
        <p role="status">
          If an account uses {email}, an email with a link is on its way. The link works once, for an hour.
        </p>
      ) : (
        <>
          <Field label="Email" type="email" value={email} onInput={setEmail} autoComplete="username" />
          <button type="submit" class="primary" disabled={action.busy}>
            Email me a link
          </button>
        </>
      )}
      <p>
        <a href={href("/")}>Back to sign in</a>
      </p>
    </form>
  );
}

function ResetConfirm({ onSignedIn }: { onSignedIn: (s: Signed) => void }) {
  const [password, setPassword] = useState("");
  const token = tokenFromHash();
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => onSignedIn(await api.post<Signed>("/password-reset/confirm", { token, password })));
  };
  return (
    <form onSubmit={submit} class="auth-form">
      <PageTitle title="Choose a new password">Choose a new password</PageTitle>
      {!token && <p class="note note-error">This link has no token: open the link from the email again.</p>}
      <ErrorNote error={action.error} />
      <Field
        label="New password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        minLength={10}
        hint={PASSWORD_HINT}
      />
      <button type="submit" class="primary" disabled={action.busy || !token}>
        Save the password and sign in
      </button>
    </form>
  );
}

function AcceptInvitation({ onSignedIn }: { onSignedIn: (s: Signed) => void }) {
  const token = tokenFromHash();
  const [invite, setInvite] = useState<{ email: string; role: Role; expiresAt: string }>();
  const [loadError, setLoadError] = useState<string>();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const action = useAction();
  useEffect(() => {
    if (!token) return setLoadError("This link has no token: open the link from the email again.");
    api
      .get<{ email: string; role: Role; expiresAt: string }>(`/invitations/${encodeURIComponent(token)}`)
      .then(setInvite, (err: unknown) =>
        setLoadError(
          err instanceof ApiError && (err.status === 404 || err.status === 410)
            ? "This invitation has been used or has expired. Ask an administrator for a new one."
            : describeError(err),
        ),
      );
  }, [token]);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => onSignedIn(await api.post<Signed>("/invitations/accept", { token, name, password })));
  };
  return (
    <form onSubmit={submit} class="auth-form">
      <PageTitle title="Join the newsroom">Join the newsroom</PageTitle>
      <ErrorNote error={loadError ?? action.error} />
      {invite && (
        <p>
          You are invited as <strong>{invite.role}</strong> with the address {invite.email}.
        </p>
      )}
      <Field label="Your name" value={name} onInput={setName} autoComplete="name" />
      <Field
        label="Password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        minLength={10}
        hint={PASSWORD_HINT}
      />
      <button type="submit" class="primary" disabled={action.busy || !invite}>
        Join
      </button>
    </form>
  );
}
