import { type Briefing, findPublishedBriefingRow } from "../briefings/briefing.queries.js";
import type { Db } from "../database.js";
import { zonedIsoDate } from "../platform/time.js";
import type { Video } from "../videos/video.js";
import { findVideosByIds } from "../videos/video.queries.js";
import { renderEmailHtml, renderEmailText } from "../platform/mail/email-document.js";
import type { EditionEmail } from "./email/edition-email.js";
import { newsletterDocument } from "./email/newsletter-email.js";
import { fromNewsletter } from "./newsletter-links.js";
import type { OutgoingEdition } from "./send-edition.js";

// The Video newsletter: every Friday at 12:00 in the newsroom's zone, the videos published in the
// seven days before, newest first. A week without a video makes no edition and no email.

export const VIDEO_NEWSLETTER = "video";
export const VIDEOS_IN_EDITION = 8;
export const VIDEO_INTRO = "This week's video from our reporters.";
const WEEK_MS = 7 * 24 * 3600_000;

export const videoEditionKey = (editionDate: string) => `${VIDEO_NEWSLETTER}/${editionDate}`;

export type VideoComposeResult =
  | { status: "composed"; briefingId: number; items: number }
  | { status: "exists"; briefingId: number }
  | { status: "empty" };

/**
 * The week's published videos. When the video pipeline's `status`/`published` columns arrive, this
 * is the one query to narrow to videos that are ready and published.
 */
async function listWeeksVideos(db: Db, now: Date): Promise<{ id: number; description: string }[]> {
  return (
    db
      .selectFrom("videos")
      .select(["id", "description"])
      // Only videos readers can watch: processed and published.
      .where("status", "=", "ready")
      .where("published", "=", 1)
      .where("published_at", ">", new Date(now.getTime() - WEEK_MS).toISOString())
      .where("published_at", "<=", now.toISOString())
      .orderBy("published_at", "desc")
      .orderBy("id", "desc")
      .limit(VIDEOS_IN_EDITION)
      .execute()
  );
}

export async function composeVideoEdition(db: Db, input: { now: Date; timeZone: string }): Promise<VideoComposeResult> {
  const editionDate = zonedIsoDate(input.now, input.timeZone);
  const find = () =>
    db
      .selectFrom("briefings")
      .select("id")
      .where("newsletter", "=", VIDEO_NEWSLETTER)
      .where("edition_date", "=", editionDate)
      .executeTakeFirst();
  const existing = await find();
  if (existing) return { status: "exists", briefingId: existing.id };
  const videos = await listWeeksVideos(db, input.now);
  if (videos.length === 0) return { status: "empty" };
  const at = input.now.toISOString();
  const row = await db
    .insertInto("briefings")
    .values({
      newsletter: VIDEO_NEWSLETTER,
      edition_date: editionDate,
      intro: VIDEO_INTRO,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(["newsletter", "edition_date"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return { status: "exists", briefingId: (await find())!.id };
  await db
    .insertInto("briefing_videos")
    .values(videos.map((v, position) => ({ briefing_id: row.id, position, video_id: v.id, line: v.description })))
    .execute();
  return { status: "composed", briefingId: row.id, items: videos.length };
}

export interface VideoEdition {
  briefingId: number;
  editionDate: string;
  intro: string;
  sendStatus: OutgoingEdition["sendStatus"];
  items: { video: Video; line: string }[];
}

export async function loadVideoEdition(db: Db, briefingId: number): Promise<VideoEdition | undefined> {
  const row = await db
    .selectFrom("briefings")
    .select(["id", "edition_date", "intro", "send_status"])
    .where("id", "=", briefingId)
    .where("newsletter", "=", VIDEO_NEWSLETTER)
    .executeTakeFirst();
  if (!row) return undefined;
  const items = await db
    .selectFrom("briefing_videos")
    .select(["video_id", "line"])
    .where("briefing_id", "=", row.id)
    .orderBy("position")
    .execute();
  const videos = await findVideosByIds(
    db,
    items.map((i) => i.video_id),
  );
  return {
    briefingId: row.id,
    editionDate: row.edition_date,
    intro: row.intro,
    sendStatus: row.send_status,
    items: items.flatMap((i) => {
      const video = videos.get(i.video_id);
      return video ? [{ video, line: i.line }] : [];
    }),
  };
}

const IMAGE_WIDTH = 536;

/** "London Daily's Video newsletter - 4 December 2026". */
export function videoEditionTitle(siteName: string, editionDate: string): string {
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(`${editionDate}T12:00:00Z`));
  return `${siteName}'s Video newsletter - ${day}`;
}

/** A sent edition's page, the email's "view in browser". */
export const videoEditionPath = (editionDate: string) => `/newsletters/${VIDEO_NEWSLETTER}/${editionDate}`;

/** A sent Video newsletter edition as its page shows it: videos no longer watchable drop out. */
export async function findPublishedVideoEdition(db: Db, editionDate: string): Promise<Briefing | undefined> {
  const row = await findPublishedBriefingRow(db, VIDEO_NEWSLETTER, editionDate);
  if (!row) return undefined;
  const items = await db
    .selectFrom("briefing_videos as i")
    .innerJoin("videos as v", "v.id", "i.video_id")
    .select(["v.id", "v.slug", "v.title", "v.duration_seconds", "i.line"])
    .where("i.briefing_id", "=", row.id)
    .where("v.status", "=", "ready")
    .where("v.published", "=", 1)
    .orderBy("i.position")
    .execute();
  return {
    editionDate: row.edition_date,
    url: videoEditionPath(row.edition_date),
    publishedAt: new Date(row.published_at ?? `${row.edition_date}T12:00:00Z`),
    intro: row.intro,
    items: items.map((v) => ({
      headline: v.title,
      url: `/video/${v.slug}`,
      line: v.line,
      section: `Video · ${formatMinutes(Number(v.duration_seconds ?? 0))}`,
      videoId: v.id,
    })),
  };
}

export function videoEmail(edition: VideoEdition, site: { name: string; url: string; timeZone: string }): EditionEmail {
  const abs = (path: string) => (path.startsWith("http") ? path : `${site.url}${path}`);
  const title = videoEditionTitle(site.name, edition.editionDate);
  const doc = newsletterDocument({
    site,
    newsletterName: "the Video newsletter",
    title,
    webUrl: abs(videoEditionPath(edition.editionDate)),
    preheader: edition.items[0]?.video.title ?? edition.intro,
    blocks: [
      { type: "heading", text: "Video newsletter" },
      ...(edition.intro ? [{ type: "paragraph" as const, text: edition.intro }] : []),
      ...edition.items.map(({ video, line }) => ({
        type: "story" as const,
        kicker: `Video · ${formatMinutes(video.durationSeconds)}`,
        headline: video.title,
        href: fromNewsletter(abs(`/video/${video.slug}`), VIDEO_NEWSLETTER),
        ...(line ? { line } : {}),
        ...(video.poster
          ? {
              image: {
                src: abs(video.poster.src),
                alt: `Still from the video: ${video.title}`,
                width: IMAGE_WIDTH,
                height: Math.round((IMAGE_WIDTH * video.poster.height) / (video.poster.width || IMAGE_WIDTH)),
              },
            }
          : {}),
      })),
    ],
  });
  return { subject: title, preheader: doc.preheader, html: renderEmailHtml(doc), text: renderEmailText(doc) };
}

function formatMinutes(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function outgoingVideoEdition(
  edition: VideoEdition,
  site: { name: string; url: string; timeZone: string },
): OutgoingEdition {
  return {
    briefingId: edition.briefingId,
    key: videoEditionKey(edition.editionDate),
    sendStatus: edition.sendStatus,
    email: videoEmail(edition, site),
    publishesPage: true,
  };
}
