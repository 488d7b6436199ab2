import { isIP } from "node:net";

// TRUST_PROXY: which hops may set X-Forwarded-For. Trusting every hop (Fastify's `true`) lets any
// client choose the address the sign-in limits and the audit log see, so it is not on offer.

/** proxy-addr's names for the private ranges, accepted as they are. */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function validEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = "", prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The setting as Fastify's `trustProxy` takes it: false (off), a hop count, or a list of
 * addresses and CIDR ranges; a string when the setting is not understood (the reason).
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] | string {
  const text = value?.trim() ?? "";
  if (text === "" || /^(false|off|no|0)$/i.test(text)) return false;
  if (/^(true|on|yes)$/i.test(text)) {
    return "TRUST_PROXY=true would believe X-Forwarded-For from anyone: name the proxies (10.0.0.5,10.1.0.0/16) or a hop count (1)";
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? hops : "TRUST_PROXY: a hop count is between 1 and 10";
  }
  const entries = text.split(",").map((e) => e.trim());
  const bad = entries.filter((e) => !validEntry(e));
  if (bad.length > 0) {
    return `TRUST_PROXY: ${bad.map((b) => `"${b}"`).join(", ")} is not an IP address or CIDR range (e.g. 10.0.0.5,10.1.0.0/16,loopback) nor a hop count`;
  }
  return entries;
}
