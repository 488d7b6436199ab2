import type { FastifyInstance } from "fastify";
import { registerAnalyticsApi } from "./audience/analytics.api.js";
import type { BannerBoard } from "./banner/banner-board.js";
import { bannerApi } from "./banner/banner.api.js";
import type { BannerEffects } from "./banner/banner.service.js";
import { type AdminApiOptions, registerAdminApi } from "./integrations/admin-api.js";
import { registerIntegrationRoutes } from "./integrations/integrations.routes.js";
import { registerWebhookRoutes } from "./integrations/webhooks.routes.js";
import type { LiveHub } from "./live/live-hub.js";
import { liveApi } from "./live/live.api.js";
import { mediaRoutes } from "./media/media.routes.js";
import { registerNewsletterApi } from "./newsletters/newsletters.api.js";
import { registerArticleApiRoutes } from "./newsroom/articles/articles.routes.js";
import { registerAuthRoutes } from "./newsroom/auth/auth.routes.js";
import { registerAuthorRoutes } from "./newsroom/manage/authors.routes.js";
import { registerManageRoutes } from "./newsroom/manage/manage.routes.js";
import type { NewsroomDeps } from "./platform/admin/newsroom-deps.js";
import { registerNewsroomApi } from "./newsroom/newsroom.api.js";
import { registerNotificationRoutes } from "./newsroom/notifications/notifications.routes.js";
import { BusPresence } from "./newsroom/presence/bus-presence.js";
import { presenceRoutes } from "./newsroom/presence/presence.routes.js";
import { registerTrashRoutes } from "./newsroom/trash/trash.routes.js";
import type { Bus } from "./platform/bus/bus.js";
import { videoRoutes } from "./videos/video.api.js";
import { registerWireRoutes } from "./wire/wire.routes.js";

/**
 * The newsroom's JSON API under `/api/newsroom` (signed-in accounts), and the part of it integrations
 * reach with Bearer keys (the Admin API, docs/adr/033).
 */
export async function registerNewsroomApis(
  app: FastifyInstance,
  newsroomDeps: NewsroomDeps,
  deps: {
    bus: Bus;
    live: LiveHub;
    banner: BannerBoard;
    bannerChanged: BannerEffects;
    adminApi?: AdminApiOptions | undefined;
  },
): Promise<void> {
  const presence = new BusPresence(deps.bus, app.log);
  app.addHook("onClose", async () => presence.close());
  const liveRoutes = liveApi((message) => deps.live.announce(message));
  await registerNewsroomApi(app, newsroomDeps, [
    registerAuthRoutes,
    registerArticleApiRoutes,
    registerManageRoutes,
    registerAuthorRoutes,
    registerTrashRoutes,
    mediaRoutes,
    videoRoutes,
    registerWireRoutes,
    registerNewsletterApi,
    registerNotificationRoutes,
    // Shared with every instance on the bus (Redis, or a node:cluster's primary).
    presenceRoutes(presence),
    liveRoutes,
    bannerApi(deps.banner, deps.bannerChanged),
    registerAnalyticsApi,
    registerIntegrationRoutes,
    registerWebhookRoutes,
  ]);
  // The same handlers, a second way in: Bearer keys of integrations (docs/adr/033).
  await registerAdminApi(
    app,
    newsroomDeps,
    [
      registerArticleApiRoutes,
      registerManageRoutes,
      registerAuthorRoutes,
      registerTrashRoutes,
      mediaRoutes,
      registerNewsletterApi,
      liveRoutes,
      registerWebhookRoutes,
    ],
    deps.adminApi,
  );
}
