import { describe, expect, it } from "vitest";
import { parseContentRange } from "../upload/content-range.js";
import { isoDuration } from "../video.js";
import { hlsHeights, masterPlaylist, parseRenditions } from "./renditions.js";

describe("hlsHeights", () => {
  it("makes 360p and 720p, never above the source", () => {
    expect(hlsHeights(1080)).toEqual([360, 720]);
    expect(hlsHeights(720)).toEqual([360, 720]);
    expect(hlsHeights(480)).toEqual([360]);
    expect(hlsHeights(360)).toEqual([360]);
  });
  it("gives a small source one rendition at its own (even) height", () => {
    expect(hlsHeights(181)).toEqual([180]);
  });
});

describe("masterPlaylist", () => {
  it("lists variants lowest first, relative to the master", () => {
    const text = masterPlaylist(
      [
        { width: 1280, height: 720, bandwidth: 3_456_000, key: "videos/7/hls/720p/index.m3u8" },
        { width: 640, height: 360, bandwidth: 1_056_000, key: "videos/7/hls/360p/index.m3u8" },
      ],
      "videos/7/hls/master.m3u8",
    );
    expect(text.split("\n")).toEqual([
      "#EXTM3U",
      "#EXT-X-VERSION:3",
      '#EXT-X-STREAM-INF:BANDWIDTH=1056000,RESOLUTION=640x360,CODECS="avc1.4d401f,mp4a.40.2"',
      "360p/index.m3u8",
      '#EXT-X-STREAM-INF:BANDWIDTH=3456000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"',
      "720p/index.m3u8",
      "",
    ]);
  });
});

describe("parseRenditions", () => {
  it("reads the column and survives damage", () => {
    expect(parseRenditions('{"mp4":"videos/1/web.mp4"}')).toEqual({ mp4: "videos/1/web.mp4" });
    expect(parseRenditions("not json")).toEqual({});
    expect(parseRenditions("[1]")).toEqual({});
  });
});

describe("parseContentRange", () => {
  it("reads first, last and total, or an unknown total", () => {
    expect(parseContentRange("bytes 0-99/1000")).toEqual({ first: 0, last: 99, total: 1000 });
    expect(parseContentRange("bytes 100-199/*")).toEqual({ first: 100, last: 199, total: undefined });
  });
  it("refuses malformed and impossible ranges", () => {
    for (const bad of ["bytes 10-5/100", "bytes 0-100/100", "bytes */100", "items 0-1/2", "bytes 0-1"]) {
      expect(parseContentRange(bad), bad).toBeUndefined();
    }
  });
});

describe("isoDuration", () => {
  it("writes ISO 8601 durations", () => {
    expect(isoDuration(0)).toBe("PT0S");
    expect(isoDuration(2.04)).toBe("PT2S");
    expect(isoDuration(125.4)).toBe("PT2M5S");
    expect(isoDuration(3600)).toBe("PT1H");
    expect(isoDuration(3723)).toBe("PT1H2M3S");
    expect(isoDuration(Number.NaN)).toBe("PT0S");
  });
});
