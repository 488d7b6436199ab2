import type { ComponentChildren, VNode } from "preact";
import type { Image } from "../../media/image.js";
import { ResponsiveImage } from "../../media/views/ResponsiveImage.js";
import type { Video } from "../../videos/video.js";
import { InlineVideo } from "../../videos/views/InlineVideo.js";
import { isSafeEmbedUrl, isSafeHref } from "./document.schema.js";
import { type DocumentJson as Json, asNodes, attrsOf, str } from "./document-json.js";

// Our own renderer from the stored document to Preact nodes (and so to HTML). It is written
// defensively against documents that predate a schema change: unknown nodes and marks are
// dropped, links are re-checked, and a missing image or video is left out rather than failing.

export interface RenderContext {
  images: ReadonlyMap<number, Image>;
  videos: ReadonlyMap<number, Video>;
}

/** A text node's text wrapped in its marks (bold, italic, links re-checked); unknown marks dropped. */
export function withMarks(node: Json): ComponentChildren {
  let out: ComponentChildren = str(node.text);
  for (const mark of asNodes(node.marks)) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "link") {
      const href = str(attrsOf(mark).href);
      if (isSafeHref(href)) out = <a href={href}>{out}</a>;
    }
  }
  return out;
}

function renderText(node: Json, key: number): ComponentChildren {
  return str(node.text) ? <span key={key}>{withMarks(node)}</span> : null;
}

function renderInlines(content: unknown): ComponentChildren[] {
  return asNodes(content).map((node, i) => {
    if (node.type === "text") return renderText(node, i);
    if (node.type === "hardBreak") return <br key={i} />;
    return null;
  });
}

function renderListItem(node: Json, key: number, ctx: RenderContext): VNode {
  return (
    <li key={key}>
      {asNodes(node.content).map((child, i) =>
        child.type === "paragraph" ? <p key={i}>{renderInlines(child.content)}</p> : renderBlock(child, i, ctx),
      )}
    </li>
  );
}

export function renderBlock(node: Json, key: number, ctx: RenderContext): VNode | null {
  const attrs = attrsOf(node);
  switch (node.type) {
    case "paragraph": {
      const children = renderInlines(node.content);
      return children.length ? <p key={key}>{children}</p> : null;
    }
    case "heading": {
      const level = attrs.level === 3 ? 3 : attrs.level === 4 ? 4 : 2;
      const Tag = `h${level}` as "h2" | "h3" | "h4";
      return <Tag key={key}>{renderInlines(node.content)}</Tag>;
    }
    case "blockquote": {
      const attribution = str(attrs.attribution);
      return (
        <figure key={key} class="quote">
          <blockquote>
            {asNodes(node.content).map((p, i) => (
              <p key={i}>{renderInlines(p.content)}</p>
            ))}
          </blockquote>
          {attribution && <figcaption>{attribution}</figcaption>}
        </figure>
      );
    }
    case "pullQuote":
      return (
        <figure key={key} class="pull-quote">
          <blockquote>
            <p>{renderInlines(node.content)}</p>
          </blockquote>
          <figcaption>{str(attrs.attribution)}</figcaption>
        </figure>
      );
    case "bulletList":
    case "orderedList": {
      const items = asNodes(node.content)
        .filter((n) => n.type === "listItem")
        .map((n, i) => renderListItem(n, i, ctx));
      return node.type === "orderedList" ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
    case "image": {
      const image = typeof attrs.mediaId === "number" ? ctx.images.get(attrs.mediaId) : undefined;
      if (!image) return null;
      const caption = str(attrs.caption) || image.caption;
      const credit = str(attrs.credit) || image.credit;
      return (
        <figure key={key} class="body-image">
          <ResponsiveImage image={image} alt={str(attrs.alt) || image.alt} sizes="(min-width: 46em) 42rem, 100vw" />
          {(caption || credit) && (
            <figcaption>
              {caption} {credit && <span class="credit">{credit}</span>}
            </figcaption>
          )}
        </figure>
      );
    }
    case "video": {
      const video = typeof attrs.videoId === "number" ? ctx.videos.get(attrs.videoId) : undefined;
      return video ? <InlineVideo key={key} video={video} /> : null;
    }
    case "horizontalRule":
      return <hr key={key} />;
    case "embed": {
      const url = str(attrs.url);
      if (!isSafeEmbedUrl(url)) return null;
      const host = new URL(url).hostname.replace(/^www\./, "");
      const provider = str(attrs.provider) || host;
      return (
        <p key={key} class="embed-card">
          <a href={url} rel="noopener nofollow">
            <span class="embed-provider">{provider}</span>
            <span class="embed-title">{str(attrs.title) || url}</span>
            <span class="embed-host">{host}</span>
          </a>
        </p>
      );
    }
    default:
      return null;
  }
}

export function DocumentBody({ doc, ctx }: { doc: unknown; ctx: RenderContext }) {
  const content = typeof doc === "object" && doc !== null ? (doc as Json).content : undefined;
  return <>{asNodes(content).map((node, i) => renderBlock(node, i, ctx))}</>;
}
