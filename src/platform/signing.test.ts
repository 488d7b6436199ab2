import { describe, expect, it } from "vitest";
import { createSigner } from "./signing.js";

describe("signed tokens", () => {
  const signer = createSigner("k".repeat(43));

  it("round-trips a payload and refuses tampering, truncation and other purposes", () => {
    const token = signer.sign("confirm", { s: 42, x: 1_800_000_000 });
    expect(signer.verify("confirm", token)).toEqual({ s: 42, x: 1_800_000_000 });
    expect(signer.verify("unsubscribe", token)).toBeUndefined();
    const [data, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ s: 43, x: 1_800_000_000 })).toString("base64url");
    expect(signer.verify("confirm", `${forged}.${mac}`)).toBeUndefined();
    expect(signer.verify("confirm", `${data}.${mac!.slice(1)}`)).toBeUndefined();
    expect(signer.verify("confirm", `${token}.x`)).toBeUndefined();
    expect(signer.verify("confirm", "")).toBeUndefined();
    expect(createSigner("another key").verify("confirm", token)).toBeUndefined();
  });

  it("makes short MACs bound to their purpose", () => {
    const mac = signer.mac("preferences", "42");
    expect(mac).toHaveLength(32);
    expect(signer.checkMac("preferences", "42", mac)).toBe(true);
    expect(signer.checkMac("preferences", "43", mac)).toBe(false);
    expect(signer.checkMac("unsubscribe", "42", mac)).toBe(false);
  });
});
