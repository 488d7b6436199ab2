import { describe, expect, it } from "vitest";
import { redactUrl } from "./log-redaction.js";

describe("redactUrl", () => {
  it("hides the secrets of signed links and keeps the rest of the URL", () => {
    expect(redactUrl("/newsletters/confirm?token=eyJzIjo0Mn0.abcDEF")).toBe("/newsletters/confirm?token=[redacted]");
    expect(redactUrl("/newsletters/preferences?s=42&x=1790000000&t=Zm9vYmFy")).toBe(
      "/newsletters/preferences?s=42&x=1790000000&t=[redacted]",
    );
    expect(redactUrl("/newsletters/unsubscribe?t=Zm9v&s=42&n=video")).toBe(
      "/newsletters/unsubscribe?t=[redacted]&s=42&n=video",
    );
    expect(redactUrl("/preview/abc.def?x=1")).toBe("/preview/[redacted]?x=1");
    expect(redactUrl("/api/newsroom/invitations/s3cret")).toBe("/api/newsroom/invitations/[redacted]");
  });

  it("leaves URLs without secrets, and look-alike names, as they are", () => {
    for (const url of [
      "/",
      "/search?q=token",
      "/uk/night-buses?utm_t=1&tt=2",
      "/newsletters?from=%2Fuk",
      "/%ed%a0%80",
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});
