// The demo newsroom is authored in a compact form and turned into real documents by the seeder.
// Everything here is original, clearly fictional writing by the London Daily project.

/** Inline text: supports **bold**, *italic* and [link text](https://example.org) markup. */
export type DemoInline = string;

export type DemoBlock =
  | DemoInline // a paragraph
  | { h2: string }
  | { h3: string }
  | { quote: DemoInline; by?: string } // a block quote, optionally attributed
  | { pull: string; by: string } // a pull quote with attribution
  | { list: DemoInline[]; ordered?: boolean }
  | { image: DemoImageKey; alt: string; caption: string; credit: string }
  | { divider: true }
  | { video: true }; // embeds the demo video

/** The committed demo images in src/demo/media/<key>.jpg */
export type DemoImageKey =
  | "thames-dawn"
  | "city-skyline"
  | "parliament"
  | "market-chart"
  | "circuit-board"
  | "stadium-lights"
  | "theatre-stage"
  | "rail-station"
  | "wind-farm"
  | "gallery-hall"
  | "rain-street"
  | "harbour-cranes";

export interface DemoSection {
  slug: string;
  name: string;
  description: string;
}

export interface DemoAuthor {
  slug: string;
  name: string;
  role: string; // e.g. "Technology correspondent"
  bio: string;
  photo?: DemoImageKey;
}

export interface DemoArticle {
  slug: string;
  section: string; // a DemoSection slug
  kicker: string;
  headline: string;
  standfirst: string;
  authors: string[]; // DemoAuthor slugs, in byline order
  tags: string[]; // human tag names, e.g. "Transport"
  /** Published this many hours before the seed runs; below 12 keeps it in Today's headlines. */
  hoursAgo: number;
  /** Updated this many hours before the seed runs (must be below hoursAgo). */
  updatedHoursAgo?: number;
  hero?: { image: DemoImageKey; alt: string; caption: string; credit: string };
  body: DemoBlock[];
  corrections?: { kind: "correction" | "update"; text: string; hoursAgo: number }[];
  /** The article's own featured video (the demo video). */
  video?: boolean;
}
