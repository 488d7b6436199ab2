// The wire API's shapes, from the server's own types (src/wire).
export type { ProviderStatus, QueueItem } from "../../../wire/wire.queries.js";
export type { VersionChanges as WireChanges } from "../../../wire/wire-changes.js";
import type { loadItem } from "../../../wire/wire.queries.js";
import type { wireSourcesOf } from "../../../wire/wire-use.js";

export type WireItemDetail = Awaited<ReturnType<typeof loadItem>>;
export type WireSource = Awaited<ReturnType<typeof wireSourcesOf>>[number];

export const URGENCY_LABEL: Record<number, string> = { 1: "Flash", 2: "Urgent", 3: "High", 4: "Priority" };
export const urgencyLabel = (u: number) => URGENCY_LABEL[u] ?? `Routine (${u})`;
