// Third-party players and posts in imported HTML (an <iframe>, a tweet's blockquote, a Gutenberg
// embed block) become our embed node: a link card, never the provider's frame or script. Only the
// providers below are recognised; their page address is rebuilt from the player address so the
// card links to what a reader would open, always over https.

interface Provider {
  name: string;
  /** Host names (and their subdomains) the provider serves players or posts from. */
  hosts: string[];
  /** The reader's address for a player or post address, or undefined when it is not one. */
  page(url: URL): string | undefined;
}

const youtubeId = (url: URL): string | undefined => {
  if (url.hostname.endsWith("youtu.be")) return url.pathname.slice(1).split("/")[0];
  const embed = /^\/(?:embed|shorts|live)\/([\w-]{6,})/.exec(url.pathname);
  return embed?.[1] ?? url.searchParams.get("v") ?? undefined;
};

const PROVIDERS: Provider[] = [
  {
    name: "YouTube",
    hosts: ["youtube.com", "youtube-nocookie.com", "youtu.be"],
    page: (url) => {
      const id = youtubeId(url);
      return id && /^[\w-]{6,20}$/.test(id) ? `https://www.youtube.com/watch?v=${id}` : undefined;
    },
  },
  {
    name: "Vimeo",
    hosts: ["vimeo.com"],
    page: (url) => {
      const id = /\/(?:video\/)?(\d{3,12})(?:$|[/?])/.exec(url.pathname)?.[1];
      return id ? `https://vimeo.com/${id}` : undefined;
    },
  },
  {
    name: "X",
    hosts: ["twitter.com", "x.com"],
    page: (url) => {
      const m = /^\/([\w]{1,15})\/status(?:es)?\/(\d{5,25})/.exec(url.pathname);
      return m ? `https://x.com/${m[1]}/status/${m[2]}` : undefined;
    },
  },
  {
    name: "Instagram",
    hosts: ["instagram.com"],
    page: (url) => {
      const m = /^\/(p|reel|tv)\/([\w-]{5,40})/.exec(url.pathname);
      return m ? `https://www.instagram.com/${m[1]}/${m[2]}/` : undefined;
    },
  },
  {
    name: "Spotify",
    hosts: ["open.spotify.com"],
    page: (url) => {
      const m = /^\/(?:embed\/)?(track|album|playlist|episode|show)\/(\w{10,40})/.exec(url.pathname);
      return m ? `https://open.spotify.com/${m[1]}/${m[2]}` : undefined;
    },
  },
  {
    name: "SoundCloud",
    hosts: ["soundcloud.com"],
    page: (url) => {
      if (url.hostname === "w.soundcloud.com") {
        const inner = url.searchParams.get("url");
        return inner && /^https:\/\/(api\.)?soundcloud\.com\//.test(inner) ? inner : undefined;
      }
      return url.pathname.length > 1 ? `https://soundcloud.com${url.pathname}` : undefined;
    },
  },
  {
    name: "TikTok",
    hosts: ["tiktok.com"],
    page: (url) => {
      const m = /^\/(?:@([\w.]{1,30})\/video|embed(?:\/v2)?)\/(\d{5,25})/.exec(url.pathname);
      return m ? `https://www.tiktok.com/${m[1] ? `@${m[1]}/` : ""}video/${m[2]}` : undefined;
    },
  },
];

const onHost = (host: string, hosts: string[]) => hosts.some((h) => host === h || host.endsWith(`.${h}`));

/** The embed for a player or post address, or undefined for anything not recognised. */
export function recogniseEmbed(address: string | undefined): { url: string; provider: string } | undefined {
  if (!address) return undefined;
  let url: URL;
  try {
    url = new URL(address.trim().replace(/^\/\//, "https://"));
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const provider = PROVIDERS.find((p) => onHost(url.hostname.toLowerCase(), p.hosts));
  const page = provider?.page(url);
  return provider && page ? { url: page, provider: provider.name } : undefined;
}
