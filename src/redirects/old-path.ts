// An old address, as the redirects table keys it: the path decoded, lower-cased, without its
// trailing slash or query; except WordPress's own id addresses (`/?p=123`, `/?page_id=7`, on any
// path such as `/index.php`), which are keyed by the id alone ("?p=123"): that is what identifies
// the post, whatever permalink structure the site had.

const ID_QUERY = /[?&](p|page_id)=(\d{1,12})(?:&|$)/;

/** The key of a request's address or of an imported item's old URL; undefined for a bad one. */
export function oldPathKey(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address, "http://old.invalid");
  } catch {
    return undefined;
  }
  const id = ID_QUERY.exec(url.search);
  if (id) return `?${id[1]}=${Number(id[2])}`;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  path = path.normalize("NFC").toLowerCase().replace(/\/+$/, "");
  if (!path || path.length > 500 || path.includes("\u0000")) return undefined;
  return path;
}

/** Whether a request's query may be a WordPress id address: checked before any lookup, so other requests pay nothing. */
export const mayBeIdAddress = (url: string) => url.includes("?") && ID_QUERY.test(url.slice(url.indexOf("?")));
