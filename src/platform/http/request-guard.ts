// Hostile URLs are refused before routing: oversized URLs and query strings, malformed
// percent-encoding, encoded NULs and control characters, and dot-segments that try to climb out.

// Search boxes take pasted paragraphs (the search reads the first few hundred characters and says
// so), so a query string may be long; Node itself refuses request heads over 16 KB.
export const MAX_URL_LENGTH = 12_288;
export const MAX_QUERY_LENGTH = 12_000;
export const MAX_QUERY_PARAMS = 50;
export const INVALID_QUERY = "\u0000invalid";

export type ParsedQuery = Record<string, string | string[]>;

export function parseQueryString(input: string): ParsedQuery {
  const out: ParsedQuery = Object.create(null) as ParsedQuery;
  if (input.length > MAX_QUERY_LENGTH) return { [INVALID_QUERY]: "too long" };
  const pairs = input.split("&");
  if (pairs.length > MAX_QUERY_PARAMS) return { [INVALID_QUERY]: "too many parameters" };
  for (const pair of pairs) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    } catch {
      return { [INVALID_QUERY]: "malformed encoding" };
    }
    if (key.includes("\u0000") || value.includes("\u0000")) return { [INVALID_QUERY]: "NUL byte" };
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

export const isInvalidQuery = (query: unknown): boolean =>
  typeof query === "object" && query !== null && INVALID_QUERY in query;

/** Why a URL is refused, or undefined when it may proceed to routing. */
export function rejectUrl(url: string): string | undefined {
  if (url.length > MAX_URL_LENGTH) return "URL too long";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "Malformed URL encoding";
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return "Control characters in path";
  if (/(^|\/)\.\.?(\/|$)/.test(decoded) || decoded.includes("\\")) return "Dot-segments in path";
  return undefined;
}
