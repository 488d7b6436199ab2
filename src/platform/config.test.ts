import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("FEED_FULL_TEXT", () => {
  it("is off unless set, and takes the usual yes/no words", () => {
    expect(loadConfig({}).feedFullText).toBe(false);
    expect(loadConfig({ FEED_FULL_TEXT: "true" }).feedFullText).toBe(true);
    expect(loadConfig({ FEED_FULL_TEXT: "0" }).feedFullText).toBe(false);
    expect(() => loadConfig({ FEED_FULL_TEXT: "maybe" })).toThrow(/FEED_FULL_TEXT/);
  });
});

describe("mail settings", () => {
  it("takes smtp:// and smtps:// URLs only, and leaves the outbox in use without one", () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({ SMTP_URL: "smtps://user:p%40ss@mail.example.com:465" }).smtpUrl).toBe(
      "smtps://user:p%40ss@mail.example.com:465",
    );
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: "mail.example.com:25" })).toThrow(/SMTP_URL/);
  });

  it("sends from the site's name at the site's host unless MAIL_FROM says otherwise", () => {
    expect(loadConfig({}).mailFrom).toBe("London Daily <newsletters@localhost>");
    expect(loadConfig({ SITE_URL: "https://news.example.co.uk/", SITE_NAME: "Daily, Inc." }).mailFrom).toBe(
      '"Daily, Inc." <newsletters@news.example.co.uk>',
    );
    expect(loadConfig({ MAIL_FROM: "Desk <desk@example.com>" }).mailFrom).toBe("Desk <desk@example.com>");
    expect(() => loadConfig({ MAIL_FROM: "desk" })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ MAIL_FROM: "Desk <desk@example.com>\nBcc: x@example.com" })).toThrow(/MAIL_FROM/);
  });

  it("listens for mailto unsubscribes only when INBOUND_SMTP_PORT is set, on the loopback unless told", () => {
    expect(loadConfig({}).inboundSmtp).toBeUndefined();
    expect(loadConfig({ INBOUND_SMTP_HOST: "0.0.0.0" }).inboundSmtp).toBeUndefined();
    expect(loadConfig({ INBOUND_SMTP_PORT: "2525" }).inboundSmtp).toEqual({ host: "127.0.0.1", port: 2525 });
    expect(loadConfig({ INBOUND_SMTP_PORT: "25", INBOUND_SMTP_HOST: "0.0.0.0" }).inboundSmtp).toEqual({
      host: "0.0.0.0",
      port: 25,
    });
    expect(() => loadConfig({ INBOUND_SMTP_PORT: "smtp" })).toThrow(/INBOUND_SMTP_PORT/);
    expect(() => loadConfig({ INBOUND_SMTP_PORT: "70000" })).toThrow(/INBOUND_SMTP_PORT/);
  });

  it("pools 5 connections with no rate limit by default", () => {
    expect(loadConfig({})).toMatchObject({ smtpMaxConnections: 5, smtpRatePerSecond: 0 });
    expect(loadConfig({ SMTP_MAX_CONNECTIONS: "10", SMTP_RATE_PER_SECOND: "50" })).toMatchObject({
      smtpMaxConnections: 10,
      smtpRatePerSecond: 50,
    });
    expect(() => loadConfig({ SMTP_MAX_CONNECTIONS: "0" })).toThrow(/SMTP_MAX_CONNECTIONS/);
  });
});

describe("TRUST_PROXY", () => {
  it("is off unless set, and takes addresses, CIDR ranges or a hop count", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "off" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback" }).trustProxy).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
  });

  it("refuses trusting everyone and anything that is not an address, a range or a hop count", () => {
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY=true would believe/);
    for (const bad of ["10.0.0.256", "10.0.0.0/33", "proxy.internal", "10.0.0.1/8/1", "11", "1.2.3.4,"]) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe("SQLITE_READ_THREADS", () => {
  it("defaults to two, takes 0 to read on the main connection, and refuses what is not a small count", () => {
    expect(loadConfig({}).sqliteReadThreads).toBe(2);
    expect(loadConfig({ SQLITE_READ_THREADS: "0" }).sqliteReadThreads).toBe(0);
    expect(() => loadConfig({ SQLITE_READ_THREADS: "-1" })).toThrow(/SQLITE_READ_THREADS/);
    expect(() => loadConfig({ SQLITE_READ_THREADS: "1.5" })).toThrow(/SQLITE_READ_THREADS/);
  });
});

describe("PAGE_CACHE_MB", () => {
  it("sizes the page cache in megabytes, 64 unless set, 0 for none", () => {
    expect(loadConfig({}).pageCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ PAGE_CACHE_MB: "0" }).pageCacheBytes).toBe(0);
    expect(loadConfig({ PAGE_CACHE_MB: "0.5" }).pageCacheBytes).toBe(512 * 1024);
    expect(() => loadConfig({ PAGE_CACHE_MB: "-1" })).toThrow(/PAGE_CACHE_MB/);
    expect(() => loadConfig({ PAGE_CACHE_MB: "lots" })).toThrow(/PAGE_CACHE_MB/);
  });
});
