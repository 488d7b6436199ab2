import { describe, expect, it } from "vitest";
import { cuePlainText, parseWebVtt, transcriptFromCues } from "./webvtt.js";

const good = [
  "WEBVTT - London Daily",
  "",
  "NOTE a comment",
  "",
  "1",
  "00:00:00.500 --> 00:00:01.500 align:center line:90%",
  "<v Anchor>Good <b>morning</b> &amp; welcome.</v>",
  "",
  "00:01.600 --> 00:02.000",
  "<c.yellow>Second</c> cue <00:00:01.800>here",
  "",
].join("\n");

describe("parseWebVtt", () => {
  it("reads cues with identifiers, settings, cue tags and short timestamps", () => {
    const result = parseWebVtt(good);
    expect(result).toEqual({
      ok: true,
      cues: [
        { start: 0.5, end: 1.5, text: "<v Anchor>Good <b>morning</b> &amp; welcome.</v>" },
        { start: 1.6, end: 2, text: "<c.yellow>Second</c> cue <00:00:01.800>here" },
      ],
    });
  });

  it("refuses a missing signature", () => {
    expect(parseWebVtt("1\n00:00:00.000 --> 00:00:01.000\nHi\n")).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'The file must start with "WEBVTT"' }],
    });
  });

  it("lists broken cues with their line numbers", () => {
    const text = [
      "WEBVTT",
      "",
      "00:00:01.000 -> 00:00:02.000",
      "arrow",
      "",
      "00:00:03.000 --> 00:00:02.000",
      "back",
      "",
    ];
    const result = parseWebVtt(text.join("\n"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 6]);
    expect(result.errors[1]!.message).toMatch(/ends before it starts/);
  });

  it("refuses markup that is not a cue tag, such as a script", () => {
    const result = parseWebVtt("WEBVTT\n\n00:00.000 --> 00:01.000\nHello <script>alert(1)</script>\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 4 });
    expect(result.errors[0]!.message).toMatch(/<script> is not a WebVTT cue tag/);
  });

  it("refuses STYLE blocks, unknown references, bad settings and unbalanced tags", () => {
    const text = [
      "WEBVTT",
      "",
      "STYLE",
      "::cue { color: red }",
      "",
      "00:00.000 --> 00:01.000 colour:red",
      "Fish &chips; </b>",
    ].join("\n");
    const result = parseWebVtt(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 6, 7, 7]);
  });

  it("refuses an empty file, one with no cues and one too large", () => {
    expect(parseWebVtt("").ok).toBe(false);
    expect(parseWebVtt("WEBVTT\n").ok).toBe(false);
    expect(parseWebVtt(`WEBVTT\n\n${"x".repeat(600 * 1024)}`).ok).toBe(false);
  });
});

describe("transcripts", () => {
  it("strips tags, decodes references and joins close cues", () => {
    expect(cuePlainText("<v Anchor>Fish &amp; <i>chips</i></v>&#33;")).toBe("Fish & chips!");
    const result = parseWebVtt(good);
    if (!result.ok) throw new Error("expected valid");
    expect(transcriptFromCues(result.cues)).toEqual([{ start: 0.5, text: "Good morning & welcome. Second cue here" }]);
    expect(transcriptFromCues([...result.cues, { start: 10, end: 11, text: "Later" }])).toHaveLength(2);
  });
});
