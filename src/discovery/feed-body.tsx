import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Image } from "../media/image.js";
import type { Video } from "../videos/video.js";
import { type DocumentJson as Json, asNodes, attrsOf, str } from "../articles/document/document-json.js";
import { withMarks } from "../articles/document/DocumentBody.js";
import { isSafeEmbedUrl } from "../articles/document/document.schema.js";

// The article body as feed-safe HTML for full-text feeds. Feed readers show it outside our pages:
// no classes, no scripts, no <picture>/srcset or <video> (many readers strip them), and every URL
// absolute. A video becomes its poster linking to the article, where it plays. Written apart from
// the page renderer (articles/document/DocumentBody.tsx) so pages and feeds can change separately;
// it is as defensive: unknown nodes and marks are dropped, links re-checked, missing media left out.

export interface FeedBodyContext {
  /** Absolute base for root-relative media URLs, e.g. "https://news.example". */
  siteUrl: string;
  /** Absolute URL of the article: where videos play. */
  articleUrl: string;
  images: ReadonlyMap<number, Image>;
  videos: ReadonlyMap<number, Video>;
}

function inlines(content: unknown): ComponentChildren[] {
  return asNodes(content).map((node) => {
    if (node.type === "hardBreak") return <br />;
    if (node.type !== "text") return null;
    return withMarks(node);
  });
}

function Caption({ caption, credit }: { caption: string; credit: string }) {
  if (!caption && !credit) return null;
  return (
    <figcaption>
      {caption}
      {caption && credit && " "}
      {credit && <small>{credit}</small>}
    </figcaption>
  );
}

function block(node: Json, ctx: FeedBodyContext): VNode | null {
  const attrs = attrsOf(node);
  const abs = (src: string) => (/^https?:\/\//.test(src) ? src : ctx.siteUrl + src);
  switch (node.type) {
    case "paragraph": {
      const children = inlines(node.content);
      return children.length ? <p>{children}</p> : null;
    }
    case "heading": {
      const Tag = attrs.level === 3 ? "h3" : attrs.level === 4 ? "h4" : "h2";
      return <Tag>{inlines(node.content)}</Tag>;
    }
    case "blockquote": {
      const attribution = str(attrs.attribution);
      return (
        <blockquote>
          {asNodes(node.content).map((p) => (
            <p>{inlines(p.content)}</p>
          ))}
          {attribution && <p>— {attribution}</p>}
        </blockquote>
      );
    }
    case "pullQuote": {
      const attribution = str(attrs.attribution);
      return (
        <blockquote>
          <p>{inlines(node.content)}</p>
          {attribution && <p>— {attribution}</p>}
        </blockquote>
      );
    }
    case "bulletList":
    case "orderedList": {
      const items = asNodes(node.content)
        .filter((n) => n.type === "listItem")
        .map((item) => (
          <li>
            {asNodes(item.content).map((child) =>
              child.type === "paragraph" ? <p>{inlines(child.content)}</p> : block(child, ctx),
            )}
          </li>
        ));
      return node.type === "orderedList" ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "image": {
      const image = typeof attrs.mediaId === "number" ? ctx.images.get(attrs.mediaId) : undefined;
      if (!image) return null;
      return (
        <figure>
          <img src={abs(image.src)} alt={str(attrs.alt) || image.alt} width={image.width} height={image.height} />
          <Caption caption={str(attrs.caption) || image.caption} credit={str(attrs.credit) || image.credit} />
        </figure>
      );
    }
    case "video": {
      const video = typeof attrs.videoId === "number" ? ctx.videos.get(attrs.videoId) : undefined;
      if (!video) return null;
      const label = `Watch the video: ${video.title}`;
      if (!video.poster)
        return (
          <p>
            <a href={ctx.articleUrl}>{label}</a>
          </p>
        );
      return (
        <figure>
          <a href={ctx.articleUrl}>
            <img src={abs(video.poster.src)} alt={label} width={video.poster.width} height={video.poster.height} />
          </a>
          <figcaption>
            <a href={ctx.articleUrl}>{label}</a>
          </figcaption>
        </figure>
      );
    }
    case "horizontalRule":
      return <hr />;
    case "embed": {
      const url = str(attrs.url);
      if (!isSafeEmbedUrl(url)) return null;
      return (
        <p>
          <a href={url}>{str(attrs.title) || url}</a>
        </p>
      );
    }
    default:
      return null;
  }
}

/** The stored document as feed-safe HTML. */
export function feedBodyHtml(doc: unknown, ctx: FeedBodyContext): string {
  const content = typeof doc === "object" && doc !== null ? (doc as Json).content : undefined;
  return renderToString(<>{asNodes(content).map((node) => block(node, ctx))}</>);
}
