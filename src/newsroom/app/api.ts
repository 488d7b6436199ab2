// The one way the app talks to /api/newsroom: JSON in and out, the CSRF token on every request
// that changes something, and errors turned into ApiError with the server's stable code.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A request that never reached the server (offline, DNS, connection reset). */
export class NetworkError extends Error {}

export const SIGNED_OUT_EVENT = "newsroom:signed-out";

let csrfToken = "";
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "" && v !== false) params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  query?: Query,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...extraHeaders };
  if (method !== "GET" && method !== "HEAD") headers["x-csrf-token"] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body instanceof Blob) {
    // Raw bytes (video chunks, a poster image, a caption file), typed by the caller or the Blob.
    headers["content-type"] ??= body.type || "application/octet-stream";
    payload = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/newsroom${path}`, query), {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
    });
  } catch {
    throw new NetworkError("The newsroom could not be reached");
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  if (!res.ok) {
    const error = data?.error;
    // The session ended (idle expiry, signed out elsewhere): the app asks to sign in again, and
    // unsaved edits wait in the browser's storage meanwhile.
    if (res.status === 401 && !/^\/(session|login|logout|setup)\b/.test(path))
      dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw new ApiError(
      res.status,
      error?.code ?? "HTTP_" + res.status,
      error?.message ?? res.statusText,
      error?.details,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  upload: <T>(path: string, form: FormData) => request<T>("POST", path, form),
  bytes: <T>(method: "POST" | "PUT", path: string, body: Blob, query?: Query, headers?: Record<string, string>) =>
    request<T>(method, path, body, query, headers),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};

/** A message a person can act on, with the first validation issues named. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const issues = (err.details as { issues?: { path: unknown; message: string }[] } | undefined)?.issues;
    if (Array.isArray(issues) && issues.length) {
      return `${err.message}: ${issues
        .slice(0, 3)
        .map((i) => `${Array.isArray(i.path) ? i.path.join(".") : String(i.path)} — ${i.message}`)
        .join("; ")}`;
    }
    const reasons = (err.details as { reasons?: string[] } | undefined)?.reasons;
    if (Array.isArray(reasons) && reasons.length) return `${err.message}: ${reasons.join("; ")}`;
    return err.message;
  }
  if (err instanceof Error) return err.message;
  return "Something went wrong";
}
