import fs from "node:fs";
import path from "node:path";
import { dkimTxtRecord, dkimZoneLine, generateDkimKeyPair } from "../platform/mail/dkim.js";

// `london-daily dkim generate --domain <d> --selector <s> [--out <dir>]`: a new RSA 2048 key pair, written
// beside each other (the private key readable by its owner only, never overwriting a file), and the DNS TXT
// record that publishes the public half. It needs no database and no configuration.

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;

export function dkimGenerateCommand(
  options: {
    domain?: string | boolean | undefined;
    selector?: string | boolean | undefined;
    out?: string | boolean | undefined;
  },
  out: (line: string) => void,
): number {
  const { domain, selector } = options;
  if (typeof domain !== "string" || !DOMAIN.test(domain) || typeof selector !== "string" || !LABEL.test(selector)) {
    out("Usage: london-daily dkim generate --domain <example.com> --selector <ld2026> [--out <directory>]");
    return 1;
  }
  const dir = path.resolve(typeof options.out === "string" ? options.out : ".");
  const base = path.join(dir, `${selector}._domainkey.${domain}`);
  const keys = generateDkimKeyPair();
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${base}.private.pem`, keys.privateKey, { flag: "wx", mode: 0o600 });
    fs.writeFileSync(`${base}.public.pem`, keys.publicKey, { flag: "wx", mode: 0o644 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    out(
      e.code === "EEXIST"
        ? `${e.path ?? base} already exists: a key in use is never overwritten; choose a new selector to rotate`
        : `Could not write the key pair: ${e.code ?? ""} ${e.message}`,
    );
    return 1;
  }
  out(`Wrote ${base}.private.pem (keep it secret) and ${base}.public.pem.`);
  out("");
  out(`Publish this DNS TXT record at ${selector}._domainkey.${domain}:`);
  out("");
  out(`  ${dkimTxtRecord(keys.publicKey)}`);
  out("");
  out("As a zone-file line (long values split into quoted strings):");
  out(`  ${dkimZoneLine({ domain, selector }, keys.publicKey)}`);
  out("");
  out("Then set, once the record is visible (dig +short TXT " + `${selector}._domainkey.${domain}):`);
  out(`  DKIM_DOMAIN=${domain} DKIM_SELECTOR=${selector} DKIM_PRIVATE_KEY=${base}.private.pem`);
  return 0;
}
