import type { IntegrationTable } from "./integrations/integration.table.js";
import type {
  WebhookAllowedHostTable,
  WebhookDeliveryTable,
  WebhookEventTable,
  WebhookTable,
} from "./platform/webhooks/webhook.table.js";
import type { WireItemTable, WireItemVersionTable, WireProviderTable, WireUseTable } from "./wire/wire.table.js";
import type { ImportedItemTable, RedirectTable } from "./redirects/redirect.table.js";
import path from "node:path";
import type { Kysely, Transaction } from "kysely";
import type {
  ArticleAuthorTable,
  ArticleBylineGrantTable,
  ArticleNoteTable,
  ArticleRelatedTable,
  ArticleSlugHistoryTable,
  ArticleTable,
  ArticleTagTable,
} from "./articles/article.table.js";
import type {
  AudienceDayTable,
  AudienceDayVisitorTable,
  AudienceMinuteTable,
  AudiencePresenceTable,
  AudienceSaltTable,
  AudienceVisitorTable,
  AudienceSiteDayTable,
  AudienceArticleDayTable,
  AudienceSectionDayTable,
  AudienceSiteMinuteTable,
  AudiencePeriodTable,
  AudiencePeriodArticleTable,
} from "./audience/audience.table.js";
import type { AuthorTable } from "./authors/author.table.js";
import type { BriefingItemTable, BriefingTable, BriefingVideoTable } from "./briefings/briefing.table.js";
import type {
  ArticleTermTable,
  ArticleViewTable,
  RelatedOverrideTable,
  TermStatTable,
} from "./discovery/views.table.js";
import type { BannerStateTable, BannerTable } from "./banner/banner.table.js";
import type { LiveBlogTable, LiveDraftTable, LiveEntryTable } from "./live/live.table.js";
import type { PushKeysTable, PushSentTable, PushSubscriptionTable } from "./push/push.table.js";
import type { MediaTable } from "./media/media.table.js";
import type {
  DeliveryReportTable,
  DeliveryTable,
  EditionUnsubscribeTable,
  NewsletterTable,
  SettingTable,
  SubscriberTable,
  SubscriptionTable,
} from "./newsletters/subscription.table.js";
import type { SectionTable } from "./sections/section.table.js";
import type { TagTable } from "./tags/tag.table.js";
import type { VideoCaptionTable, VideoTable, VideoTagTable, VideoUploadTable } from "./videos/video.table.js";
import type { Config } from "./platform/config.js";
import { type ConnectOptions, type DatabaseHandle, connectDatabase } from "./platform/db/connect.js";
import type { JobRunnerTable, JobTable } from "./platform/jobs/job.table.js";
import type {
  ArticleEventTable,
  ArticlePendingTable,
  ArticleRevisionTable,
  AuditLogTable,
  AuthTokenTable,
  FrontPageTable,
  LoginCounterTable,
  LoginNetworkTable,
  SessionTable,
  UserTable,
} from "./newsroom/newsroom.table.js";
import type { NotificationSettingTable, NotificationTable } from "./newsroom/notifications/notification.table.js";

/** Every table of the app, assembled from the domains' *.table.ts files. */
export interface Database {
  sections: SectionTable;
  media: MediaTable;
  authors: AuthorTable;
  tags: TagTable;
  videos: VideoTable;
  video_tags: VideoTagTable;
  video_captions: VideoCaptionTable;
  video_uploads: VideoUploadTable;
  articles: ArticleTable;
  live_blogs: LiveBlogTable;
  live_entries: LiveEntryTable;
  live_drafts: LiveDraftTable;
  banners: BannerTable;
  banner_state: BannerStateTable;
  push_subscriptions: PushSubscriptionTable;
  push_sent: PushSentTable;
  push_keys: PushKeysTable;
  article_authors: ArticleAuthorTable;
  article_byline_grants: ArticleBylineGrantTable;
  article_tags: ArticleTagTable;
  article_slug_history: ArticleSlugHistoryTable;
  article_notes: ArticleNoteTable;
  article_pending: ArticlePendingTable;
  article_related: ArticleRelatedTable;
  article_views: ArticleViewTable;
  article_terms: ArticleTermTable;
  term_stats: TermStatTable;
  related_overrides: RelatedOverrideTable;
  briefings: BriefingTable;
  briefing_items: BriefingItemTable;
  briefing_videos: BriefingVideoTable;
  newsletters: NewsletterTable;
  subscribers: SubscriberTable;
  subscriptions: SubscriptionTable;
  deliveries: DeliveryTable;
  delivery_reports: DeliveryReportTable;
  settings: SettingTable;
  jobs: JobTable;
  job_runners: JobRunnerTable;
  users: UserTable;
  sessions: SessionTable;
  login_counters: LoginCounterTable;
  login_networks: LoginNetworkTable;
  auth_tokens: AuthTokenTable;
  audit_log: AuditLogTable;
  article_revisions: ArticleRevisionTable;
  article_events: ArticleEventTable;
  front_page: FrontPageTable;
  notifications: NotificationTable;
  notification_settings: NotificationSettingTable;
  audience_minutes: AudienceMinuteTable;
  audience_days: AudienceDayTable;
  audience_visitors: AudienceVisitorTable;
  audience_day_visitors: AudienceDayVisitorTable;
  audience_salts: AudienceSaltTable;
  audience_presence: AudiencePresenceTable;
  audience_site_days: AudienceSiteDayTable;
  audience_article_days: AudienceArticleDayTable;
  audience_section_days: AudienceSectionDayTable;
  audience_site_minutes: AudienceSiteMinuteTable;
  audience_periods: AudiencePeriodTable;
  audience_period_articles: AudiencePeriodArticleTable;
  edition_unsubscribes: EditionUnsubscribeTable;
  wire_providers: WireProviderTable;
  wire_items: WireItemTable;
  wire_item_versions: WireItemVersionTable;
  wire_uses: WireUseTable;
  imported_items: ImportedItemTable;
  redirects: RedirectTable;
  integrations: IntegrationTable;
  webhooks: WebhookTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_allowed_hosts: WebhookAllowedHostTable;
}

export type Db = Kysely<Database> | Transaction<Database>;

/** The SQLite file in DATA_DIR (used when DATABASE_URL is unset). */
export const sqliteFileOf = (config: Pick<Config, "dataDir">) => path.join(config.dataDir, "london-daily.sqlite");

export function openDatabase(
  config: Config,
  options: Pick<ConnectOptions, "pgSchema" | "onQuery"> = {},
): DatabaseHandle<Database> {
  return connectDatabase<Database>({
    databaseUrl: config.databaseUrl,
    sqliteFile: sqliteFileOf(config),
    readThreads: config.sqliteReadThreads,
    ...options,
  });
}
