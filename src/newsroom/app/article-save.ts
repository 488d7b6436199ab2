import { ApiError, NetworkError, api, describeError } from "./api.js";
import type { SendResult } from "./autosave.js";
import type { ArticleDraft } from "./types.js";

/** One autosave of an article (autosave.ts sends it): offline, a conflict with the newer version, or an error to show. */
export async function sendSave(id: number, baseVersion: number, patch: object): Promise<SendResult> {
  try {
    return { ok: true, draft: await api.put<ArticleDraft>(`/articles/${id}`, { baseVersion, ...patch }) };
  } catch (err) {
    if (err instanceof NetworkError) return { ok: false, kind: "offline" };
    // A newer version comes with the refusal; a 409 without one (a slug taken) is an error to fix.
    const current =
      err instanceof ApiError && err.status === 409 ? (err.details as { current?: ArticleDraft })?.current : undefined;
    if (current && typeof current === "object" && "version" in current) return { ok: false, kind: "conflict", current };
    return { ok: false, kind: "error", message: describeError(err) };
  }
}
