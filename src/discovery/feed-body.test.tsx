import { describe, expect, it } from "vitest";
import { feedBodyHtml } from "./feed-body.js";

const ctx = {
  siteUrl: "https://news.example",
  articleUrl: "https://news.example/uk/story",
  images: new Map(),
  videos: new Map(),
};

describe("feed body: embedded posts", () => {
  it("become a plain link, titled or showing the address", () => {
    const html = feedBodyHtml(
      {
        type: "doc",
        content: [
          { type: "embed", attrs: { url: "https://social.example/p/1", title: "The post", provider: "Social" } },
          { type: "embed", attrs: { url: "https://social.example/p/2?a=1&b=2" } },
        ],
      },
      ctx,
    );
    expect(html).toBe(
      '<p><a href="https://social.example/p/1">The post</a></p>' +
        '<p><a href="https://social.example/p/2?a=1&amp;b=2">https://social.example/p/2?a=1&amp;b=2</a></p>',
    );
  });

  it("are left out when their address is not https", () => {
    const html = feedBodyHtml(
      {
        type: "doc",
        content: [
          { type: "embed", attrs: { url: "javascript:alert(1)", title: "x" } },
          { type: "embed", attrs: { url: "http://plain.example/" } },
        ],
      },
      ctx,
    );
    expect(html).toBe("");
  });
});
