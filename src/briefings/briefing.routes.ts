import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { notFound } from "../platform/errors.js";
import { pageQuery } from "../platform/http/page-params.js";
import { parseInput } from "../platform/http/parse-input.js";
import type { PageDeps } from "../pages/page-deps.js";
import { type PageContext, servePage } from "../pages/page-pipeline.js";
import { pageTags } from "../pages/page-tags.js";
import { BUILT_IN_NEWSLETTERS, digestTitle } from "../newsletters/digest-edition.js";
import { VIDEO_NEWSLETTER, findPublishedVideoEdition, videoEditionTitle } from "../newsletters/video-edition.js";
import {
  type Briefing,
  MORNING_HEADLINES,
  findBriefingByDate,
  findPublishedEdition,
  listBriefings,
} from "./briefing.queries.js";
import { BriefingArchivePage, BriefingPage } from "./views/BriefingPage.js";

const PER_PAGE = 30;
const editionDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An edition page shows its own row and, live, the headline of each story or video it links. */
function tagEdition(page: PageContext, newsletter: string, edition: Briefing) {
  page.tag(
    pageTags.edition(newsletter, edition.editionDate),
    ...edition.items.map((i) => i.articleId !== undefined && pageTags.article(i.articleId)),
    ...edition.items.map((i) => i.videoId !== undefined && pageTags.video(i.videoId)),
  );
}

export function registerBriefingRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get("/morning-headlines", async (req, reply) => {
    const { page: number } = parseInput(pageQuery, req.query);
    const key = number > 1 ? `/morning-headlines?page=${number}` : "/morning-headlines";
    return servePage(deps, req, reply, { key }, async (page) => {
      // One row more than a page tells whether an older page exists without counting the archive.
      const rows = await listBriefings(deps.db, PER_PAGE + 1, (number - 1) * PER_PAGE);
      if (number > 1 && rows.length === 0) throw notFound("Page");
      const totalPages = rows.length > PER_PAGE ? number + 1 : number;
      page.tag(pageTags.editions);
      const briefings = rows.slice(0, PER_PAGE);
      return { html: h(BriefingArchivePage, { site: page.site(), briefings, page: number, totalPages }) };
    });
  });

  app.get<{ Params: { date: string } }>("/morning-headlines/:date", async (req, reply) => {
    const { date } = req.params;
    if (!editionDate.safeParse(date).success) throw notFound("Edition");
    return servePage(deps, req, reply, { key: `/morning-headlines/${date}` }, async (page) => {
      const briefing = await findBriefingByDate(deps.db, date);
      if (!briefing) throw notFound("Edition");
      tagEdition(page, MORNING_HEADLINES, briefing);
      return { html: h(BriefingPage, { site: page.site(), briefing }) };
    });
  });

  // A sent edition of the Video newsletter or of a newsletter an admin added: the page its emails'
  // "view in browser" opens.
  app.get<{ Params: { slug: string; date: string } }>("/newsletters/:slug/:date", async (req, reply) => {
    const { slug, date } = req.params;
    if (!editionDate.safeParse(date).success) throw notFound("Edition");
    if (BUILT_IN_NEWSLETTERS.has(slug) && slug !== VIDEO_NEWSLETTER) throw notFound("Edition");
    return servePage(deps, req, reply, { key: `/newsletters/${slug}/${date}` }, async (page) => {
      const site = page.site();
      if (slug === VIDEO_NEWSLETTER) {
        const edition = await findPublishedVideoEdition(deps.db, date);
        if (!edition) throw notFound("Edition");
        tagEdition(page, slug, edition);
        const newsletter = { name: "Video newsletter", title: videoEditionTitle(site.name, date) };
        return { html: h(BriefingPage, { site, briefing: edition, newsletter }) };
      }
      const [newsletter, briefing] = await Promise.all([
        deps.db.selectFrom("newsletters").select("name").where("slug", "=", slug).executeTakeFirst(),
        findPublishedEdition(deps.db, slug, date),
      ]);
      if (!newsletter || !briefing) throw notFound("Edition");
      // The newsletter's name is in the title: its edits invalidate the editions' tag.
      tagEdition(page, slug, briefing);
      page.tag(pageTags.editions);
      const title = digestTitle(newsletter.name, date, site.timeZone);
      return { html: h(BriefingPage, { site, briefing, newsletter: { name: newsletter.name, title } }) };
    });
  });
}
