import type { ComponentChildren } from "preact";
import { createContext } from "preact";
import { useCallback, useContext, useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "./api.js";
import type { User } from "./types.js";
import type { Action } from "./permissions.js";
import { can } from "./permissions.js";

export interface SessionInfo {
  user: User;
  signOut: () => Promise<void>;
  siteName: string;
}
export const SessionContext = createContext<SessionInfo | null>(null);

export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in newsroom");
  return session;
}

export function useCan(): (action: Action) => boolean {
  const { user } = useSession();
  return (action) => can(user.role, action);
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
  set: (value: T) => void;
}

/** Loads data for a view; reloads when `deps` change; a stale answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const serial = useRef(0);
  const run = useCallback(() => {
    const mine = ++serial.current;
    setLoading(true);
    load().then(
      (value) => {
        if (mine !== serial.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== serial.current) return;
        setError(describeError(err));
        setLoading(false);
      },
    );
  }, deps);
  useEffect(run, [run]);
  return { data, error, loading, reload: run, set: setData };
}

/** A view's heading: sets the document title and takes focus when the view opens (WCAG 2.4.3). */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const session = useContext(SessionContext);
  useEffect(() => {
    document.title = `${title} · Newsroom · ${session?.siteName ?? document.getElementById("newsroom")?.dataset.siteName ?? ""}`;
  }, [title]);
  // Focus moves once, when the view opens: a title that follows typing (a headline) must not
  // pull focus out of the field being typed in.
  useEffect(() => ref.current?.focus({ preventScroll: false }), []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function ErrorNote({ error }: { error: string | undefined }) {
  return error ? (
    <p class="note note-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** Runs an action with a busy flag and an error message, for buttons and forms. */
export function useAction(): {
  busy: boolean;
  error: string | undefined;
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await fn();
    } catch (err) {
      setError(describeError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(undefined) };
}
