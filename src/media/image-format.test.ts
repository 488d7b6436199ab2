import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { decodedFormat, sniffFormat } from "./image-format.js";

const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write("ftyp", 4, "latin1");
  box.write(major, 8, "latin1");
  compatible.forEach((b, i) => box.write(b, 16 + i * 4, "latin1"));
  return box;
};

describe("sniffFormat", () => {
  it("recognises each accepted format from bytes sharp wrote", async () => {
    const picture = sharp({ create: { width: 8, height: 8, channels: 3, background: "#357" } });
    expect(sniffFormat(await picture.clone().jpeg().toBuffer())).toBe("jpeg");
    expect(sniffFormat(await picture.clone().png().toBuffer())).toBe("png");
    expect(sniffFormat(await picture.clone().webp().toBuffer())).toBe("webp");
    expect(sniffFormat(await picture.clone().gif().toBuffer())).toBe("gif");
    expect(sniffFormat(await picture.clone().avif({ effort: 0 }).toBuffer())).toBe("avif");
  });

  it("finds AVIF by its major or a compatible brand, and refuses other HEIF files", () => {
    expect(sniffFormat(ftyp("avif", "mif1"))).toBe("avif");
    expect(sniffFormat(ftyp("mif1", "miaf", "avis"))).toBe("avif");
    expect(sniffFormat(ftyp("heic", "mif1", "heic"))).toBeUndefined();
  });

  it("refuses markup, text, SVG, PDF, truncated signatures and nothing", () => {
    for (const text of [
      "<!doctype html><p>hi</p>",
      "<svg xmlns='http://www.w3.org/2000/svg'/>",
      "%PDF-1.7",
      "GIF8",
      "RIFF\0\0\0\0WAVE",
      "",
    ]) {
      expect(sniffFormat(Buffer.from(text)), text).toBeUndefined();
    }
    expect(sniffFormat(Buffer.from([0xff, 0xd8]))).toBeUndefined();
  });
});

describe("decodedFormat", () => {
  it("maps sharp's names, AVIF being HEIF with AV1", () => {
    expect(decodedFormat({ format: "jpeg" })).toBe("jpeg");
    expect(decodedFormat({ format: "heif", compression: "av1" })).toBe("avif");
    expect(decodedFormat({ format: "heif", compression: "hevc" })).toBeUndefined();
    expect(decodedFormat({ format: "svg" })).toBeUndefined();
    expect(decodedFormat({})).toBeUndefined();
  });
});
