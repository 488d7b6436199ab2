import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { notFound } from "../platform/errors.js";
import { pageQuery, parseInput } from "../platform/http/page-params.js";
import { sendPage } from "../platform/http/send-page.js";
import { type PageDeps, loadSiteContext } from "../site/site.loader.js";
import { BUILT_IN_NEWSLETTERS, digestTitle } from "../newsletters/digest-edition.js";
import { VIDEO_NEWSLETTER, findPublishedVideoEdition, videoEditionTitle } from "../newsletters/video-edition.js";
import { findBriefingByDate, findPublishedEdition, listBriefings } from "./briefing.queries.js";
import { BriefingArchivePage, BriefingPage } from "./views/BriefingPage.js";

const PER_PAGE = 30;
const editionDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export function registerBriefingRoutes(app: FastifyInstance, deps: PageDeps): void {
  app.get("/morning-headlines", async (req, reply) => {
    const { page } = parseInput(pageQuery, req.query);
    const site = await loadSiteContext(deps);
    // One row more than a page tells whether an older page exists without counting the archive.
    const rows = await listBriefings(deps.db, PER_PAGE + 1, (page - 1) * PER_PAGE);
    if (page > 1 && rows.length === 0) throw notFound("Page");
    const totalPages = rows.length > PER_PAGE ? page + 1 : page;
    return sendPage(reply, h(BriefingArchivePage, { site, briefings: rows.slice(0, PER_PAGE), page, totalPages }), {
      surrogateKeys: ["briefings"],
    });
  });

  app.get<{ Params: { date: string } }>("/morning-headlines/:date", async (req, reply) => {
    if (!editionDate.safeParse(req.params.date).success) throw notFound("Edition");
    const [site, briefing] = await Promise.all([loadSiteContext(deps), findBriefingByDate(deps.db, req.params.date)]);
    if (!briefing) throw notFound("Edition");
    return sendPage(reply, h(BriefingPage, { site, briefing }), { surrogateKeys: ["briefings"] });
  });

  // A sent edition of the Video newsletter or of a newsletter an admin added: the page its emails'
  // "view in browser" opens.
  app.get<{ Params: { slug: string; date: string } }>("/newsletters/:slug/:date", async (req, reply) => {
    const { slug, date } = req.params;
    if (!editionDate.safeParse(date).success) throw notFound("Edition");
    if (slug === VIDEO_NEWSLETTER) {
      const [site, edition] = await Promise.all([loadSiteContext(deps), findPublishedVideoEdition(deps.db, date)]);
      if (!edition) throw notFound("Edition");
      const newsletter = { name: "Video newsletter", title: videoEditionTitle(site.name, date) };
      return sendPage(reply, h(BriefingPage, { site, briefing: edition, newsletter }), {
        surrogateKeys: ["briefings"],
      });
    }
    if (BUILT_IN_NEWSLETTERS.has(slug)) throw notFound("Edition");
    const [site, newsletter, briefing] = await Promise.all([
      loadSiteContext(deps),
      deps.db.selectFrom("newsletters").select("name").where("slug", "=", slug).executeTakeFirst(),
      findPublishedEdition(deps.db, slug, date),
    ]);
    if (!newsletter || !briefing) throw notFound("Edition");
    const title = digestTitle(newsletter.name, date, site.timeZone);
    return sendPage(reply, h(BriefingPage, { site, briefing, newsletter: { name: newsletter.name, title } }), {
      surrogateKeys: ["briefings"],
    });
  });
}
