import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";

/** What signs our mail (RFC 6376): the d= domain, the s= selector and the RSA private key in PEM. */
export interface DkimSettings {
  domain: string;
  selector: string;
  privateKey: string;
}

// The fields signed: nodemailer's list (RFC 6376 §5.4.1) plus the two RFC 8058 requires to be covered for
// one-click unsubscribing, and Feedback-ID, which providers trust only when signed.
export const DKIM_SIGNED_FIELDS = [
  "From",
  "Sender",
  "Reply-To",
  "Subject",
  "Date",
  "Message-ID",
  "To",
  "Cc",
  "MIME-Version",
  "Content-Type",
  "Content-Transfer-Encoding",
  "In-Reply-To",
  "References",
  "List-Id",
  "List-Unsubscribe",
  "List-Unsubscribe-Post",
  "Feedback-ID",
].join(":");

/** nodemailer's `dkim` transport option: it signs composed and raw messages alike, relaxed/relaxed, rsa-sha256. */
export function nodemailerDkim(dkim: DkimSettings) {
  return {
    domainName: dkim.domain,
    keySelector: dkim.selector,
    privateKey: dkim.privateKey,
    headerFieldNames: DKIM_SIGNED_FIELDS,
  };
}

/**
 * DKIM_PRIVATE_KEY is the PEM itself or the path of a file holding it. Returns the PEM, or a sentence saying
 * what is wrong (the key is never echoed).
 */
export function readDkimPrivateKey(value: string): { pem: string } | { error: string } {
  let pem = value.replace(/\\n/g, "\n");
  if (!pem.includes("-----BEGIN")) {
    try {
      pem = fs.readFileSync(value, "utf8");
    } catch (err) {
      return { error: `is neither a PEM key nor a readable file (${(err as NodeJS.ErrnoException).code ?? "error"})` };
    }
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") return { error: "must be an RSA key (rsa-sha256, RFC 8301)" };
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 1024) return { error: `is ${bits} bits; RFC 8301 requires at least 1024 (2048 advised)` };
    return { pem: key.export({ type: "pkcs8", format: "pem" }).toString() };
  } catch {
    return { error: "is not a PEM private key (-----BEGIN PRIVATE KEY----- …)" };
  }
}

/** A new RSA 2048 key pair in PEM (private PKCS#8, public SPKI). */
export function generateDkimKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
}

/** The TXT record to publish at `<selector>._domainkey.<domain>` (RFC 6376 §3.6.1). */
export function dkimTxtRecord(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return `v=DKIM1; k=rsa; p=${der.toString("base64")}`;
}

/** The record as a zone file line; values over 255 bytes are split into quoted strings (RFC 7208 §3.3 style). */
export function dkimZoneLine(dkim: Pick<DkimSettings, "domain" | "selector">, publicKeyPem: string): string {
  const txt = dkimTxtRecord(publicKeyPem);
  const chunks = txt.match(/.{1,250}/g) ?? [];
  return `${dkim.selector}._domainkey.${dkim.domain}. IN TXT ( ${chunks.map((c) => `"${c}"`).join(" ")} )`;
}
