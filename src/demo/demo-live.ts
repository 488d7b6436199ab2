import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { validateDocument } from "../articles/document/document.schema.js";
import type { DemoArticle, DemoImageKey } from "./demo.types.js";
import { parseInline } from "./inline-markup.js";

// The demo newsroom's live blog (docs/adr/028): a storm followed through an afternoon, with key
// events, a pinned summary, an entry corrected after posting and one with a picture. Invented
// for the London Daily demo, like every other story here.

export const DEMO_LIVE_SLUG = "storm-ida-live";

export const demoLiveArticle: DemoArticle = {
  slug: DEMO_LIVE_SLUG,
  section: "uk",
  kicker: "Storm Ida",
  headline: "Storm Ida: gales close bridges and ferries as the south coast braces for the peak",
  standfirst:
    "Follow the storm as it crosses the country: travel, power cuts, flood warnings and what to do, as it happens.",
  authors: ["siobhan-keane", "tomasz-wojcik"],
  tags: ["Climate", "Transport"],
  hoursAgo: 3.6,
  body: [
    "The fictional Storm Ida is bringing gusts of up to 90 mph to exposed coasts this afternoon. Our reporters across the south are following it live; the latest updates are at the top.",
  ],
};

interface DemoEntry {
  minutesAgo: number;
  by: string;
  title?: string;
  text: string[];
  keyEvent?: boolean;
  pinned?: boolean;
  image?: { key: DemoImageKey; alt: string; caption: string };
  /** Corrected this many minutes ago, with the corrected text shown. */
  correctedMinutesAgo?: number;
}

const entries: DemoEntry[] = [
  {
    minutesAgo: 212,
    by: "Siobhán Keane",
    title: "Welcome to our live coverage",
    text: [
      "Good afternoon. Storm Ida reached the far south-west just after noon, and the Met Office's amber wind warning now covers every coast from Cornwall to Kent until midnight.",
    ],
  },
  {
    minutesAgo: 201,
    by: "Tomasz Wójcik",
    text: [
      "All ferries between Portsmouth and the Isle of Wight are suspended for the rest of the day, the operator says.",
    ],
  },
  {
    minutesAgo: 188,
    by: "Siobhán Keane",
    title: "Amber warning upgraded to red on the Channel coast",
    keyEvent: true,
    text: [
      "The warning for the coast between Selsey and Dungeness is now **red**: a danger to life from flying debris and large waves. Stay away from sea fronts and promenades.",
    ],
  },
  {
    minutesAgo: 176,
    by: "Tomasz Wójcik",
    text: ["Network Rail has imposed a 50 mph limit on lines along the south coast. Expect delays of up to an hour."],
  },
  {
    minutesAgo: 163,
    by: "Siobhán Keane",
    text: [
      "Readers in Brighton describe waves breaking over the railings of the lower promenade. Please send us what you see, but only from somewhere safe.",
    ],
  },
  {
    minutesAgo: 150,
    by: "Tomasz Wójcik",
    title: "Orwell Bridge closed in both directions",
    keyEvent: true,
    text: [
      "Police have closed the bridge after a lorry was blown onto its side. Nobody was hurt. Diversions add around 40 minutes.",
    ],
  },
  {
    minutesAgo: 139,
    by: "Siobhán Keane",
    title: "Power cuts",
    text: [
      "About 31,000 homes are without power across Sussex and Hampshire, the grid operator says. Engineers are being held back until the gusts ease.",
    ],
    correctedMinutesAgo: 120,
  },
  {
    minutesAgo: 127,
    by: "Tomasz Wójcik",
    image: {
      key: "harbour-cranes",
      alt: "Illustration of harbour cranes against a dark sky",
      caption: "Container cranes at the port were locked down at two o'clock.",
    },
    text: [
      "The port has stopped loading and unloading ships and locked its cranes in place until the wind drops below 45 mph.",
    ],
  },
  {
    minutesAgo: 113,
    by: "Siobhán Keane",
    text: ["Schools in West Sussex that were open today will close early, at 2.30pm, the county council says."],
  },
  {
    minutesAgo: 98,
    by: "Tomasz Wójcik",
    title: "Strongest gust so far: 92 mph at the Needles",
    keyEvent: true,
    text: ["The Met Office recorded 92 mph on the Isle of Wight at 15:05, the strongest gust of the storm so far."],
  },
  {
    minutesAgo: 84,
    by: "Siobhán Keane",
    text: [
      "The Environment Agency has issued 14 flood warnings for the coast, meaning flooding is expected. High tide in Chichester Harbour is at 18:40.",
    ],
  },
  {
    minutesAgo: 71,
    by: "Tomasz Wójcik",
    text: ["Flights at Southampton are diverted to Bristol and Birmingham for the rest of the afternoon."],
  },
  {
    minutesAgo: 57,
    by: "Siobhán Keane",
    title: "What to do if you lose power",
    text: [
      "Call 105 from any phone to report a power cut or hear when it will be fixed. Keep a torch to hand, keep fridges and freezers shut, and check on neighbours who rely on equipment at home.",
    ],
  },
  {
    minutesAgo: 41,
    by: "Tomasz Wójcik",
    title: "Wind warning extended into Wednesday morning",
    keyEvent: true,
    text: ["The amber warning now runs until 06:00 tomorrow as the storm slows over the North Sea."],
  },
  {
    minutesAgo: 26,
    by: "Siobhán Keane",
    text: [
      "Trains between London and Brighton are running again on one line in each direction, with a reduced timetable.",
    ],
  },
  {
    minutesAgo: 12,
    by: "Tomasz Wójcik",
    title: "What we know so far",
    pinned: true,
    text: [
      "Red wind warning on the Channel coast until 21:00; amber elsewhere in the south until 06:00 tomorrow.",
      "About 13,000 homes without power; ferries, several bridges and Southampton airport closed.",
      "The strongest gust so far was 92 mph at the Needles.",
    ],
  },
  {
    minutesAgo: 4,
    by: "Siobhán Keane",
    text: ["The Dartford crossing has reopened to high-sided vehicles northbound, National Highways says."],
  },
];

const CORRECTED_POWER =
  "About 13,000 homes are without power across Sussex and Hampshire, the grid operator says (an earlier version of this entry said 31,000). Engineers are being held back until the gusts ease.";

/** The images the live blog's entries show, stored with the others. */
export const demoLiveImages: DemoImageKey[] = entries.flatMap((e) => (e.image ? [e.image.key] : []));

/** Writes the live blog and its entries for the article seeded from demoLiveArticle. */
export async function seedDemoLive(
  trx: Kysely<Database>,
  options: { articleId: number; now: Date; imageIds: Map<string, number>; startedMinutesAgo?: number },
) {
  const at = (minutes: number) => new Date(options.now.getTime() - minutes * 60_000).toISOString();
  await trx
    .insertInto("live_blogs")
    .values({ article_id: options.articleId, status: "open", started_at: at(3.6 * 60), rev: entries.length })
    .execute();
  for (const [i, e] of entries.entries()) {
    const text = e.correctedMinutesAgo !== undefined ? [CORRECTED_POWER] : e.text;
    const content = [
      ...text.map((t) => ({ type: "paragraph", content: parseInline(t) })),
      ...(e.image
        ? [
            {
              type: "image",
              attrs: {
                mediaId: options.imageIds.get(e.image.key)!,
                alt: e.image.alt,
                caption: e.image.caption,
                credit: "Illustration: London Daily",
              },
            },
          ]
        : []),
    ];
    const result = validateDocument({ type: "doc", content });
    if (!result.ok) throw new Error(`Demo live entry ${i + 1} is invalid: ${result.errors.join("; ")}`);
    const edited = e.correctedMinutesAgo !== undefined ? at(e.correctedMinutesAgo) : null;
    await trx
      .insertInto("live_entries")
      .values({
        article_id: options.articleId,
        title: e.title ?? "",
        body: JSON.stringify(result.doc),
        status: "published",
        pinned: e.pinned ? 1 : 0,
        key_event: e.keyEvent ? 1 : 0,
        author_id: null,
        author_name: e.by,
        rev: i + 1,
        posted_at: at(e.minutesAgo),
        updated_at: edited ?? at(e.minutesAgo),
        edited_at: edited,
      })
      .execute();
  }
}
