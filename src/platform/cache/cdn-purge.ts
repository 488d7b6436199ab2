// Purging a CDN by key: every cache we control drops the pages a write touched before the write
// answers. One generic shape, "purge these keys"; Fastly's batch surrogate-key purge and
// Cloudflare's purge by Cache-Tag are the first two. A purge that fails is retried once and then
// logged, never thrown: the write has committed, and the CDN's lifetime bounds what it still holds.

/** Purges the pages carrying any of `keys` from a CDN; resolves whatever happens. */
export type PurgeKeys = (keys: string[]) => Promise<void>;

export interface CdnPurgeSettings {
  provider: "fastly" | "cloudflare";
  /** Fastly's service id, or Cloudflare's zone id. */
  id: string;
  token: string;
  /** The API's base URL (https://api.fastly.com, https://api.cloudflare.com/client/v4). */
  apiBase: string;
}

export const CDN_API_BASES = {
  fastly: "https://api.fastly.com",
  cloudflare: "https://api.cloudflare.com/client/v4",
} as const;

interface Provider {
  /** Keys per request: Fastly takes 256, Cloudflare 100. */
  batch: number;
  request(keys: string[]): { url: string; headers: Record<string, string>; body: string };
}

function provider(settings: CdnPurgeSettings): Provider {
  const base = settings.apiBase.replace(/\/+$/, "");
  const json = { "content-type": "application/json", accept: "application/json" };
  if (settings.provider === "fastly") {
    return {
      batch: 256,
      request: (keys) => ({
        url: `${base}/service/${encodeURIComponent(settings.id)}/purge`,
        headers: { ...json, "fastly-key": settings.token },
        body: JSON.stringify({ surrogate_keys: keys }),
      }),
    };
  }
  return {
    batch: 100,
    request: (keys) => ({
      url: `${base}/zones/${encodeURIComponent(settings.id)}/purge_cache`,
      headers: { ...json, authorization: `Bearer ${settings.token}` },
      body: JSON.stringify({ tags: keys }),
    }),
  };
}

export interface PurgeLog {
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
}

export function cdnPurger(
  settings: CdnPurgeSettings,
  log: PurgeLog,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): PurgeKeys {
  const api = provider(settings);
  const timeoutMs = options.timeoutMs ?? 2_000;
  const send = options.fetch ?? fetch;
  const once = async (keys: string[]) => {
    const { url, headers, body } = api.request(keys);
    const res = await send(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`${settings.provider} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    await res.arrayBuffer();
  };
  return async (keys) => {
    const unique = [...new Set(keys)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += api.batch) batches.push(unique.slice(i, i + api.batch));
    await Promise.all(
      batches.map(async (batch) => {
        try {
          await once(batch);
        } catch (first) {
          try {
            await once(batch);
            log.warn({ err: first, keys: batch.length }, "CDN purge succeeded on its second try");
          } catch (err) {
            log.error({ err, keys: batch }, "CDN purge failed: these pages stay on the CDN until they expire");
          }
        }
      }),
    );
  };
}
