import type { Image } from "../image.js";

interface Props {
  image: Image;
  /** The `sizes` attribute: how wide the image is drawn at each breakpoint. */
  sizes: string;
  alt?: string;
  /** Above the fold: load eagerly with high priority (the LCP image). */
  eager?: boolean;
  class?: string;
}

const srcset = (variants: { width: number; src: string }[]) => variants.map((v) => `${v.src} ${v.width}w`).join(", ");

/**
 * A <picture>: AVIF first, then WebP (the browser takes the first type it supports), and the
 * original as the <img>, with its own-format variants as srcset. Width and height reserve the
 * space (no layout shift); everything but the LCP image loads lazily.
 */
export function ResponsiveImage({ image, sizes, alt, eager = false, class: className }: Props) {
  const avif = image.avif ?? [];
  const fallback = image.fallback ?? [];
  const img = (
    <img
      src={image.src}
      {...(fallback.length > 0 ? { srcset: srcset(fallback), sizes } : {})}
      width={image.width}
      height={image.height}
      alt={alt ?? image.alt}
      loading={eager ? "eager" : "lazy"}
      decoding={eager ? "sync" : "async"}
      {...(eager ? { fetchpriority: "high" } : {})}
      class={className}
    />
  );
  if (image.variants.length === 0 && avif.length === 0) return img;
  return (
    <picture>
      {avif.length > 0 && <source type="image/avif" srcset={srcset(avif)} sizes={sizes} />}
      {image.variants.length > 0 && <source type="image/webp" srcset={srcset(image.variants)} sizes={sizes} />}
      {img}
    </picture>
  );
}
