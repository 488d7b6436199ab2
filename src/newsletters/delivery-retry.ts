// When a delivery that failed for a temporary reason is tried again (docs/adr/008, amended): per
// delivery, doubling from a minute to at most an hour, for 12 tries in all — about 6 hours and 3
// minutes from the first failure to the last try. A mail server away for minutes or an hour costs a
// few late emails, not the edition; a recipient's server that still answers 4xx after six hours is
// given up on, and the delivery counts as failed (an editor can retry the failed ones).

export const DELIVERY_MAX_ATTEMPTS = 12;

/** The wait before the next try, after `failures` temporary failures of this delivery (1, 2, …). */
export function deliveryRetryDelayMs(failures: number): number {
  return Math.min(60_000 * 2 ** Math.max(failures - 1, 0), 3_600_000);
}

/** What a sending error says about trying again. */
export interface SendFailure {
  /** 5xx: this message will never be accepted; fail the delivery now. */
  permanent: boolean;
  /** No reply at all (refused, timed out, dropped): the server is away, not this recipient. */
  serverAway: boolean;
  /** The SMTP command refused: "RCPT TO" makes a permanent failure a bounce for the address. */
  command: string | undefined;
  message: string;
}

export function sendFailure(err: unknown): SendFailure {
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    kind?: unknown;
    responseCode?: unknown;
    command?: unknown;
  };
  return {
    permanent: e.kind === "permanent",
    serverAway: e.kind !== "permanent" && typeof e.responseCode !== "number",
    command: typeof e.command === "string" ? e.command : undefined,
    message: (err instanceof Error ? err.message : String(err)).slice(0, 500),
  };
}
