import { describe, expect, it } from "vitest";
import { classifyMailError, MailError } from "./mail.errors.js";

// Errors shaped the way nodemailer hands them over (code, response, responseCode, command, permanent).
const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error("smtp said no"), fields);

describe("classifyMailError", () => {
  it("follows the SMTP reply class: 4xx transient, 5xx permanent, 503 transient", () => {
    expect(classifyMailError(smtpError({ code: "EENVELOPE", responseCode: 452, command: "RCPT TO" }))).toMatchObject({
      kind: "transient",
      responseCode: 452,
      command: "RCPT TO",
    });
    expect(classifyMailError(smtpError({ code: "EMESSAGE", responseCode: 554, command: "DATA" }))).toMatchObject({
      kind: "permanent",
      code: "EMESSAGE",
      responseCode: 554,
    });
    expect(classifyMailError(smtpError({ code: "EPROTOCOL", responseCode: 503 })).kind).toBe("transient");
  });

  it("keeps failures of our own side transient even with a 5xx, so no reader is marked bounced for them", () => {
    const badPassword = smtpError({ code: "EAUTH", responseCode: 535, command: "AUTH PLAIN", permanent: true });
    expect(classifyMailError(badPassword)).toMatchObject({ kind: "transient", code: "EAUTH", responseCode: 535 });
  });

  it("calls connection failures and anything unknown transient, keeping the original as the cause", () => {
    const refused = smtpError({ code: "ESOCKET", originalCode: "ECONNREFUSED" });
    const classified = classifyMailError(refused);
    expect(classified).toMatchObject({ kind: "transient", code: "ESOCKET" });
    expect(classified.cause).toBe(refused);
    expect(classifyMailError(smtpError({ code: "ETIMEDOUT" })).kind).toBe("transient");
    expect(classifyMailError("weird").kind).toBe("transient");
    expect(classifyMailError(undefined).code).toBe("EUNKNOWN");
  });

  it("passes a MailError through unchanged", () => {
    const own = new MailError("permanent", "INVALID_MESSAGE", "bad");
    expect(classifyMailError(own)).toBe(own);
  });
});
