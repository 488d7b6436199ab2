import { renderToString } from "preact-render-to-string";

export interface BannerProps {
  id: number;
  text: string;
  url: string;
  live: boolean;
  expiresAt: string | null;
}

/**
 * The breaking-news banner at the top of every page: a labelled region (a landmark screen readers
 * list), a link to the story, the "Live" marker when set. It takes no focus: pages announce it
 * politely when it arrives on an open page (the slot is a polite live region).
 */
export function SiteBanner({ banner }: { banner: BannerProps }) {
  return (
    <section
      class="site-banner"
      aria-label="Breaking news"
      data-banner={banner.id}
      data-expires={banner.expiresAt ?? undefined}
    >
      <p class="site-banner-inner wrap">
        <span class={banner.live ? "site-banner-marker site-banner-live" : "site-banner-marker"}>
          {banner.live ? "Live" : "Breaking"}
        </span>{" "}
        <a class="site-banner-link" href={banner.url}>
          {banner.text}
        </a>
      </p>
    </section>
  );
}

export const renderBanner = (banner: BannerProps) => renderToString(<SiteBanner banner={banner} />);
