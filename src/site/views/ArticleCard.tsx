import type { ArticleSummary } from "../../articles/article.js";
import { ResponsiveImage } from "../../media/views/ResponsiveImage.js";
import { formatShortDate, toZonedIso } from "../../platform/time.js";

interface Props {
  article: ArticleSummary;
  timeZone: string;
  variant?: "lead" | "standard" | "compact";
  /** Heading level that keeps the page outline in order. */
  level?: 2 | 3 | 4;
  eager?: boolean;
  showImage?: boolean;
  /** The picture's `sizes`, where the card's width differs from its variant's usual one. */
  sizes?: string;
}

export function ArticleCard(props: Props) {
  const { article, timeZone, variant = "standard", level = 3, eager, showImage = true } = props;
  const H = `h${level}` as "h2" | "h3" | "h4";
  const sizes =
    props.sizes ??
    (variant === "lead" ? "(min-width: 64em) 44rem, 100vw" : "(min-width: 64em) 18rem, (min-width: 40em) 45vw, 100vw");
  return (
    <article class={`card card-${variant}${showImage && article.hero ? "" : " card-text-only"}`}>
      {showImage && article.hero && variant !== "compact" && (
        <ResponsiveImage image={article.hero} sizes={sizes} eager={eager ?? false} class="card-image" />
      )}
      <div class="card-text">
        {article.kicker && <p class="kicker">{article.kicker}</p>}
        <H class="card-headline">
          <a href={article.url}>{article.headline}</a>
        </H>
        {variant !== "compact" && article.standfirst && <p class="card-standfirst">{article.standfirst}</p>}
        <p class="card-meta">
          <a href={`/${article.section.slug}`} class="card-section">
            {article.section.name}
          </a>{" "}
          <time dateTime={toZonedIso(article.publishedAt, timeZone)}>
            {formatShortDate(article.publishedAt, timeZone)}
          </time>
        </p>
      </div>
    </article>
  );
}
