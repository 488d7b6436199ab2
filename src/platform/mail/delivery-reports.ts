import { simpleParser } from "mailparser";

// Reports that come back to the envelope sender after a message left us: delivery status notifications
// (RFC 3464, multipart/report; report-type=delivery-status) and abuse feedback (ARF, RFC 5965,
// report-type=feedback-report). Both are multipart/report (RFC 6522): a human part, a machine-readable part,
// then the original message or its headers (message/rfc822, text/rfc822-headers). mailparser reads the
// envelope of the report and the returned message; the machine part it folds into the text, so the report's
// own parts are cut here, by the boundary mailparser read.

export interface BounceReport {
  kind: "bounce";
  /** One per recipient the DSN says failed ("Action: failed"); "delayed", "delivered"… are left out. */
  failed: { recipient: string; status: string; severity: "hard" | "soft"; diagnostic: string }[];
  /** The returned message's Message-ID, angle brackets included, when it came back. */
  messageId: string | undefined;
}

export interface ComplaintReport {
  kind: "complaint";
  /** RFC 5965 §3.5 Feedback-Type: abuse (a "this is spam" click), fraud, virus, other… */
  feedbackType: string;
  /** Original-Rcpt-To, or the returned message's To; undefined when the provider redacted it. */
  recipient: string | undefined;
  messageId: string | undefined;
  /** The returned message's List-Unsubscribe field, as it came back (providers that redact To keep it). */
  listUnsubscribe: string | undefined;
}

export type DeliveryReport = BounceReport | ComplaintReport;

/** The report in a raw message, or undefined when the message is not a DSN or ARF report. */
export async function readDeliveryReport(raw: Buffer): Promise<DeliveryReport | undefined> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const type = mail.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== "multipart/report" || !type.params?.boundary) return undefined;
  const reportType = type.params["report-type"]?.toLowerCase();
  const parts = splitParts(raw.toString("latin1"), type.params.boundary);
  const returned = parts.find((p) => /^(message\/rfc822|text\/rfc822-headers)\b/i.test(p.type));
  const original = returned ? await simpleParser(Buffer.from(returned.body, "latin1")) : undefined;
  const messageId = original?.messageId ? `<${original.messageId.replace(/^<|>$/g, "")}>` : undefined;
  const returnedTo = original?.to && !Array.isArray(original.to) ? original.to.value[0]?.address : undefined;

  if (reportType === "delivery-status") {
    const status = parts.find((p) => /^message\/(global-)?delivery-status\b/i.test(p.type));
    if (!status) return undefined;
    // RFC 3464 §2.1: one group of per-message fields, then a group per recipient, separated by blank lines.
    const failed = fieldGroups(status.body)
      .slice(1)
      .filter((g) => g.get("action")?.toLowerCase() === "failed")
      .map((g) => {
        const code = /\b([245])\.\d{1,3}\.\d{1,3}\b/.exec(g.get("status") ?? "")?.[0] ?? "5.0.0";
        return {
          recipient: addressOf(g.get("final-recipient") ?? g.get("original-recipient") ?? returnedTo ?? ""),
          status: code,
          // RFC 3463: 5.x.x is permanent, 4.x.x persistent transient (a full mailbox, a greylist).
          severity: code.startsWith("5") ? ("hard" as const) : ("soft" as const),
          diagnostic: (g.get("diagnostic-code") ?? "").slice(0, 300),
        };
      });
    return { kind: "bounce", failed, messageId };
  }
  if (reportType === "feedback-report") {
    const feedback = parts.find((p) => /^message\/feedback-report\b/i.test(p.type));
    const fields = feedback ? fieldGroups(feedback.body)[0] : undefined;
    if (!fields) return undefined;
    const rcpt = fields.get("original-rcpt-to");
    return {
      kind: "complaint",
      feedbackType: (fields.get("feedback-type") ?? "other").toLowerCase(),
      recipient: rcpt ? addressOf(rcpt) : returnedTo?.toLowerCase(),
      messageId,
      listUnsubscribe: original?.headerLines.find((h) => h.key === "list-unsubscribe")?.line,
    };
  }
  return undefined;
}

/** The top-level parts of a multipart body: each part's Content-Type and its body (RFC 2046 §5.1.1). */
function splitParts(message: string, boundary: string): { type: string; body: string }[] {
  const body = message.slice(message.search(/\r?\n\r?\n/));
  const delimiter = new RegExp(`\\r?\\n--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(--)?[ \\t]*(?=\\r?\\n|$)`);
  return body
    .split(delimiter)
    .filter((piece): piece is string => typeof piece === "string" && piece !== "--")
    .slice(1, -1)
    .map((piece) => {
      const text = piece.replace(/^\r?\n/, "");
      const end = text.search(/\r?\n\r?\n/);
      const head = end < 0 ? text : text.slice(0, end);
      const type =
        /^content-type:\s*([^;\r\n]+)/im.exec(head.replace(/\r?\n[ \t]+/g, " "))?.[1]?.trim() ?? "text/plain";
      return { type, body: end < 0 ? "" : text.slice(end).replace(/^\r?\n\r?\n/, "") };
    });
}

/** Header-style fields in groups separated by blank lines; names lower-cased, folded lines joined. */
function fieldGroups(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, "\n")
    .replace(/\n[ \t]+/g, " ")
    .split(/\n\s*\n/)
    .map((group) => {
      const fields = new Map<string, string>();
      for (const line of group.split("\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

/** "rfc822; Reader@Example.com" or "<reader@example.com>" → "reader@example.com". */
function addressOf(value: string): string {
  return value
    .replace(/^[a-z0-9-]+;\s*/i, "")
    .replace(/^<|>$/g, "")
    .trim()
    .toLowerCase();
}
