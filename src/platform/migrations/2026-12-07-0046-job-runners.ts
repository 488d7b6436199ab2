import type { Kysely } from "kysely";

// The job runners that are alive (docs/adr/032): each running runner writes its row every few
// seconds, so a job whose runner stopped writing (a killed worker) is taken over at once instead of
// after its lease. A runner of an older version writes none, and its jobs keep the lease alone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("job_runners")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("seen_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("job_runners_seen_idx").on("job_runners").column("seen_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_runners").execute();
}
