/** A Content-Range request header for a chunk (RFC 9110 §14.4): `bytes first-last/total` or `…/*`. */
export interface ChunkRange {
  first: number;
  last: number;
  /** The whole upload's size, when the client knows it. */
  total: number | undefined;
}

export function parseContentRange(header: string): ChunkRange | undefined {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15}|\*)$/.exec(header.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = Number(m[2]);
  const total = m[3] === "*" ? undefined : Number(m[3]);
  if (last < first || (total !== undefined && last >= total)) return undefined;
  return { first, last, total };
}
