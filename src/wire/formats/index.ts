import { AppError } from "../../platform/errors.js";
import type { ParsedFeed, WireFormat } from "../wire-item.js";
import { parseEmail } from "./email.js";
import { parseNewsmlG2 } from "./newsml-g2.js";
import { parseNinjs } from "./ninjs.js";
import { parseRssOrAtom } from "./rss-atom.js";

/** Bytes from a source → checked items and per-item errors; a feed that cannot be read at all throws. */
export async function parseFeed(format: WireFormat, bytes: Buffer, feedUrl?: string): Promise<ParsedFeed> {
  if (format === "email") return parseEmail(bytes);
  const text = decode(bytes);
  if (format === "ninjs") return parseNinjs(text);
  if (format === "newsml-g2") return parseNewsmlG2(text);
  return parseRssOrAtom(text, feedUrl);
}

/** UTF-8 (with or without BOM), UTF-16 by its BOM, or the encoding an XML declaration names when Node knows it. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = bytes.subarray(0, 200).toString("latin1");
  const declared = /<\?xml[^>]*encoding=["']([\w.-]+)["']/i.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared.toLowerCase(), { fatal: false }).decode(bytes);
    } catch {
      throw new AppError("BAD_REQUEST", `The feed is in an encoding we cannot read: ${declared}`);
    }
  }
  return new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
}
