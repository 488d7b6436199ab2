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

export function ResponsiveImage({ image, sizes, alt, eager = false, class: className }: Props) {
  const img = (
    <img
      src={image.src}
      width={image.width}
      height={image.height}
      alt={alt ?? image.alt}
      loading={eager ? "eager" : "lazy"}
      decoding={eager ? "sync" : "async"}
      {...(eager ? { fetchpriority: "high" } : {})}
      class={className}
    />
  );
  if (image.variants.length === 0) return img;
  return (
    <picture>
      <source type="image/webp" srcset={image.variants.map((v) => `${v.src} ${v.width}w`).join(", ")} sizes={sizes} />
      {img}
    </picture>
  );
}
