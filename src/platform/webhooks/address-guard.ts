import { type LookupAddress, lookup as dnsLookup } from "node:dns";
import net from "node:net";

// No SSRF into the operator's network (docs/adr/033): a webhook may not reach loopback, private,
// link-local, shared (CGNAT), multicast or reserved addresses unless an admin allowed its host.
// The check runs on the address actually connected to (in the socket's lookup), so a name that
// resolves to a public address when registered and to 127.0.0.1 when delivered is still refused.

const blocked = new net.BlockList();
for (const [net4, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net4, bits, "ipv4");
for (const [net6, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net6, bits, "ipv6");

/** True for an address a webhook may not reach without an explicit allowance. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  return blocked.check(address, "ipv6");
}

export class PrivateAddressError extends Error {
  readonly code = "EPRIVATEADDRESS";
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private address: an admin must allow this host first`);
    this.name = "PrivateAddressError";
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses private addresses unless the host is allowed. */
export function guardedLookup(allowed: ReadonlySet<string>) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses;
      if (!allowed.has(hostname.toLowerCase())) {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new PrivateAddressError(hostname, bad.address), "");
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
      return callback(null, first.address, first.family);
    });
  };
}

/** Checks a webhook's address before it is saved: every address its host resolves to must be public, or the host allowed. */
export async function checkWebhookHost(url: string, allowed: ReadonlySet<string>): Promise<string | undefined> {
  const host = hostOf(url);
  if (allowed.has(host)) return undefined;
  if (net.isIP(host)) return isPrivateAddress(host) ? `${host} is a private address` : undefined;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (err, list) => resolve(err ? [] : list)),
  );
  if (addresses.length === 0) return `${host} does not resolve`;
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  return bad ? `${host} resolves to ${bad.address}, a private address` : undefined;
}

/** The host of a URL as the allow-list names it: lower case, IPv6 without brackets. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}
