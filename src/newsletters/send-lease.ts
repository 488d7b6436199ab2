import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "../database.js";
import { silentBefore } from "../platform/jobs/runner-liveness.js";
import { releaseSendLease, sendLeaseUntil, takeSendLease } from "./delivery.queries.js";

// One sender per edition (docs/adr/008, amended): the schedule, send-now, the command line and
// `newsletter.deliver` are different jobs, so only a lease on the edition keeps two of them from
// sending it at once. Renewed every third of its length; a dead holder's lease lapses, or is taken at
// once when the holder was a job runner that stopped beating (docs/adr/032).

export interface SendLease {
  /** Another sender took the edition (this one's lease lapsed): stop. */
  readonly lost: boolean;
  /** An editor held the edition: stop before the next recipient. */
  readonly held: boolean;
  /** Reads whether the edition is held now (also done at every renewal). */
  checkHeld(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the edition's send lease, or answers when the sender holding it lets it go at the latest.
 * `runnerId`: the job runner sending, so that its death frees the lease as soon as its jobs.
 */
export async function takeEditionLease(
  db: Db,
  briefingId: number,
  input: { leaseMs: number; now: () => Date; runnerId?: string | undefined },
): Promise<SendLease | { busyUntil: string | null }> {
  const holder = `${input.runnerId ?? `${os.hostname()}:${process.pid}`}/${randomUUID().slice(0, 8)}`;
  const until = () => new Date(input.now().getTime() + input.leaseMs);
  if (
    !(await takeSendLease(db, briefingId, holder, input.now(), until(), {
      before: silentBefore(),
      runnerId: input.runnerId,
    }))
  ) {
    return { busyUntil: await sendLeaseUntil(db, briefingId) };
  }
  let lost = false;
  let held = false;
  const checkHeld = async () => {
    const row = await db.selectFrom("briefings").select("send_status").where("id", "=", briefingId).executeTakeFirst();
    held ||= row?.send_status === "held";
  };
  const timer = setInterval(() => {
    takeSendLease(db, briefingId, holder, input.now(), until()).then(
      (ours) => (lost ||= !ours),
      () => undefined, // a failed renewal is tried again; the lease outlasts two of them
    );
    checkHeld().catch(() => undefined);
  }, input.leaseMs / 3);
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    get held() {
      return held;
    },
    checkHeld,
    async release() {
      clearInterval(timer);
      if (!lost) await releaseSendLease(db, briefingId, holder);
    },
  };
}
