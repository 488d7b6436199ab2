import type { Db } from "../database.js";
import type { DeliveryReportTable } from "./subscription.table.js";

// Bounces and complaints that came back after a delivery was accepted (docs/adr/018).

export type ReportKind = DeliveryReportTable["kind"];

/** The delivery that carried this Message-ID, with its recipient's address. */
export async function findDeliveryByMessageId(db: Db, messageId: string) {
  return db
    .selectFrom("deliveries as d")
    .innerJoin("subscribers as s", "s.id", "d.subscriber_id")
    .select(["d.edition", "d.subscriber_id", "s.email"])
    .where("d.message_id", "=", messageId)
    .executeTakeFirst();
}

/** Records a report; false when this delivery already had one of this kind (a report sent twice counts once). */
export async function recordDeliveryReport(
  db: Db,
  report: { edition: string; subscriberId: number; kind: ReportKind; status: string; detail: string; at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto("delivery_reports")
    .values({
      edition: report.edition,
      subscriber_id: report.subscriberId,
      kind: report.kind,
      status: report.status,
      detail: report.detail,
      received_at: report.at.toISOString(),
    })
    .onConflict((oc) => oc.columns(["edition", "subscriber_id", "kind"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A hard bounce: the address does not exist (or never will take our mail), so it gets nothing more, at once. */
export async function markBouncing(db: Db, subscriberId: number, now: Date) {
  await db
    .updateTable("subscribers")
    .set((eb) => ({ bounces: eb("bounces", "+", 1), status: "bouncing", updated_at: now.toISOString() }))
    .where("id", "=", subscriberId)
    .where("status", "=", "active")
    .execute();
}

export interface ReportCounts {
  hardBounces: number;
  softBounces: number;
  complaints: number;
}

export const noReports = (): ReportCounts => ({ hardBounces: 0, softBounces: 0, complaints: 0 });

/** Per edition key: how many of its deliveries bounced (hard, soft) or drew a complaint. */
export async function countDeliveryReports(db: Db, keys: string[]): Promise<Map<string, ReportCounts>> {
  const out = new Map<string, ReportCounts>();
  if (keys.length === 0) return out;
  const rows = await db
    .selectFrom("delivery_reports")
    .select((eb) => ["edition", "kind", eb.fn.countAll<number>().as("n")])
    .where("edition", "in", keys)
    .groupBy(["edition", "kind"])
    .execute();
  for (const r of rows) {
    const counts = out.get(r.edition) ?? noReports();
    if (r.kind === "hard-bounce") counts.hardBounces = Number(r.n);
    else if (r.kind === "soft-bounce") counts.softBounces = Number(r.n);
    else counts.complaints = Number(r.n);
    out.set(r.edition, counts);
  }
  return out;
}

/** One edition's reports with the addresses they concern, newest first (for admins). */
export async function listDeliveryReports(db: Db, edition: string) {
  const rows = await db
    .selectFrom("delivery_reports as r")
    .innerJoin("subscribers as s", "s.id", "r.subscriber_id")
    .select(["r.subscriber_id", "s.email", "r.kind", "r.status", "r.detail", "r.received_at"])
    .where("r.edition", "=", edition)
    .orderBy("r.received_at", "desc")
    .orderBy("r.subscriber_id")
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    subscriberId: r.subscriber_id,
    email: r.email,
    kind: r.kind,
    status: r.status,
    detail: r.detail,
    receivedAt: r.received_at,
  }));
}
