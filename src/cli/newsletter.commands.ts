import { createMailer } from "../platform/mail/mailer.js";
import { configWithSiteUrl } from "../platform/site-url.js";
import { type CliCommand, str } from "./cli-args.js";
import { newsletterCompose, newsletterList, newsletterSend } from "./newsletter.cli.js";
import { progressBar } from "./progress.js";
import { subscribersExport, subscribersImport } from "./subscribers.commands.js";

// `newsletter list|compose|send` and `subscribers export|import`.

export async function newsletterListCommand(cli: CliCommand): Promise<number> {
  await cli.prepare();
  return await newsletterList(cli.handle.db, cli.out);
}

export async function newsletterComposeCommand(cli: CliCommand): Promise<number> {
  const { handle, config, rest, out } = cli;
  await cli.prepare();
  const code = await newsletterCompose(handle.db, config, rest[1], new Date(), out);
  await cli.audit("newsletter.compose", { newsletter: rest[1] ?? null, exitCode: code });
  return code;
}

export async function newsletterSendCommand(cli: CliCommand): Promise<number> {
  const { handle, rest, values, out, servers } = cli;
  await cli.prepare();
  // The links in the emails carry the site's address, not whatever this shell's environment says.
  const site = await configWithSiteUrl(handle.db, process.env);
  if ("refusal" in site) {
    out(site.refusal);
    return 1;
  }
  const mailer = createMailer(site.config);
  const bar = progressBar("Sending");
  try {
    const code = await newsletterSend(
      {
        db: handle.db,
        config: site.config,
        mailer,
        now: () => new Date(),
        onSendProgress: (done, total) => bar.update(done, total),
        ...((await servers()) ? { pages: (await servers())!.invalidator } : {}),
      },
      rest[1],
      { now: values.now === true },
      out,
    );
    await cli.audit("newsletter.send", { newsletter: rest[1] ?? null, now: values.now === true, exitCode: code });
    return code;
  } finally {
    await mailer.close();
  }
}

export async function subscribersCommand(cli: CliCommand, sub: "export" | "import"): Promise<number> {
  const { handle, rest, values, out } = cli;
  await cli.prepare();
  return sub === "export"
    ? await subscribersExport(
        handle.db,
        { newsletter: str(values.newsletter), status: str(values.status), out: str(values.out) },
        out,
      )
    : await subscribersImport(
        handle.db,
        { file: rest[1], newsletter: str(values.newsletter), consent: values.consent === true },
        out,
      );
}
