import { createHmac, createDecipheriv, createPublicKey, verify } from "node:crypto";
import type { ECDH } from "node:crypto";

// What a browser does with a Web Push message, written from the RFCs for the fake push service in
// tests: decrypt an aes128gcm body (RFC 8188, keys per RFC 8291) with the subscription's private
// key and auth secret, and check a VAPID Authorization header's JWT (RFC 8292) against the key.

const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

export function decryptPushBody(body: Buffer, receiver: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = receiver.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.getPublicKey(), senderPublic]);
  const ikm = hmac(hmac(authSecret, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then padding zeros.
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  if (plain[end - 1] !== 2) throw new Error("no last-record delimiter");
  return plain.subarray(0, end - 1).toString("utf8");
}

/** Checks `vapid t=<jwt>, k=<key>`: the key is the site's and the JWT is signed by it for `audience`. */
export function checkVapid(header: string, publicKey: string, audience: string): { sub: string; exp: number } {
  const m = /^vapid t=([^,]+),\s*k=(\S+)$/.exec(header);
  if (!m) throw new Error(`not a VAPID header: ${header}`);
  if (m[2] !== publicKey) throw new Error("signed with another key");
  const [h, p, sig] = m[1]!.split(".");
  const point = Buffer.from(publicKey, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
  const ok = verify(
    "sha256",
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(sig!, "base64url"),
  );
  if (!ok) throw new Error("bad VAPID signature");
  const claims = JSON.parse(Buffer.from(p!, "base64url").toString()) as { aud: string; sub: string; exp: number };
  if (claims.aud !== audience) throw new Error(`audience ${claims.aud}, expected ${audience}`);
  return claims;
}
