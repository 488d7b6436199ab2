import type { Db } from "../database.js";
import { countDeliveryReports } from "../newsletters/delivery-report.queries.js";
import { countDeliveries } from "../newsletters/delivery.queries.js";
import { countEditionUnsubscribes } from "../newsletters/edition-unsubscribes.queries.js";
import { editionKey, findEditionRow } from "../newsletters/editions.js";

// One newsletter edition's reach, without open pixels: delivered (accepted by the receiving
// server), bounced and complaints (reports that came back), unsubscribed through its links, and
// the visits and engaged time its links brought (audience_days rows whose source is this edition).

export interface EditionFigures {
  id: number;
  key: string;
  delivered: number;
  failed: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  unsubscribed: number;
  visits: number;
  engagedSeconds: number;
  /** The stories its readers opened, most visits first. */
  stories: { id: number; visits: number }[];
}

export async function loadEditionFigures(db: Db, id: number): Promise<EditionFigures> {
  const row = await findEditionRow(db, id);
  const key = editionKey(row);
  const [deliveries, reports, unsubscribed, visits] = await Promise.all([
    countDeliveries(db, [key]),
    countDeliveryReports(db, [key]),
    countEditionUnsubscribes(db, id),
    db
      .selectFrom("audience_days")
      .select((eb) => [
        "article_id",
        eb.fn.sum<number>("views").as("views"),
        eb.fn.sum<number>("engaged_seconds").as("engaged"),
      ])
      .where("source", "=", "newsletter")
      .where("referrer", "=", key)
      .groupBy("article_id")
      .execute(),
  ]);
  const d = deliveries.get(key);
  const r = reports.get(key);
  return {
    id,
    key,
    delivered: d?.delivered ?? 0,
    failed: d?.failed ?? 0,
    hardBounces: r?.hardBounces ?? 0,
    softBounces: r?.softBounces ?? 0,
    complaints: r?.complaints ?? 0,
    unsubscribed,
    visits: visits.reduce((a, v) => a + Number(v.views ?? 0), 0),
    engagedSeconds: visits.reduce((a, v) => a + Number(v.engaged ?? 0), 0),
    stories: visits
      .filter((v) => v.article_id > 0)
      .map((v) => ({ id: v.article_id, visits: Number(v.views ?? 0) }))
      .sort((a, b) => b.visits - a.visits),
  };
}
