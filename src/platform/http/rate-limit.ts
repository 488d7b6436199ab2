import { isIPv6 } from "node:net";

/**
 * A fixed-window counter per key, in memory: enough for one process. Several instances share
 * limits once Redis is configured (the scale-out work); until then each instance counts its own.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; returns seconds to wait when over the limit, or 0. */
  hit(key: string): number {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.sweep(t);
    }
    w.count += 1;
    return w.count > this.limit ? Math.ceil((w.start + this.windowMs - t) / 1000) : 0;
  }

  /** Seconds to wait if the key is already over its limit, without counting a hit. */
  retryAfter(key: string): number {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs || w.count < this.limit) return 0;
    return Math.ceil((w.start + this.windowMs - t) / 1000);
  }

  /** Forgets a key (a successful login clears its failures). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(t: number) {
    for (const [key, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(key);
  }
}

/** The network an address belongs to: IPv4 /24, IPv6 /64 (one household or one small office). */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.0/24`;
  if (isIPv6(ip)) {
    const [head] = ip.split("::");
    const groups = (head ?? "").split(":").filter(Boolean);
    return `${groups.slice(0, 4).join(":")}::/64`;
  }
  return ip;
}
