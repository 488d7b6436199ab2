import type { Db } from "../database.js";
import { createIntegration, listIntegrations, revokeIntegration } from "../integrations/integrations.js";
import { SCOPE_NAMES, splitScopes } from "../integrations/scopes.js";
import { AppError } from "../platform/errors.js";

// `london-daily integration create|list|revoke` (README): the same functions as the newsroom's screen.

export const INTEGRATION_HELP = `  integration create --name <name> --scopes <scope,scope…>
                   Make an integration of the Admin API and print its key (shown this once).
                   Scopes: ${SCOPE_NAMES.join(", ")}
  integration list The integrations, their scopes, when each key was last used
  integration revoke <name>
                   Revoke an integration's key at once`;

type Values = Record<string, string | boolean | undefined>;
const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

export async function integrationCommand(
  db: Db,
  sub: string,
  args: string[],
  values: Values,
  now: () => Date,
  out: (line: string) => void,
): Promise<number> {
  try {
    if (sub === "create") {
      const { integration, key } = await createIntegration(
        db,
        { name: str(values.name) ?? "", scopes: splitScopes(str(values.scopes) ?? "") },
        { userId: null, ip: "cli" },
        now(),
      );
      out(`Integration "${integration.name}" (${integration.scopes.join(", ")})`);
      out(`Key (shown once; keep it secret): ${key}`);
      return 0;
    }
    if (sub === "list") {
      const all = await listIntegrations(db);
      if (all.length === 0) out("No integrations");
      for (const i of all)
        out(
          `${i.name}\t${i.keyPrefix}…\t${i.scopes.join(",")}\t` +
            `${i.revokedAt ? `revoked ${i.revokedAt}` : `last used ${i.lastUsedAt ?? "never"}`}`,
        );
      return 0;
    }
    if (sub === "revoke") {
      if (!args[0]) {
        out("Name the integration to revoke");
        return 1;
      }
      const revoked = await revokeIntegration(db, { name: args[0] }, { userId: null, ip: "cli" }, now());
      out(`Revoked "${revoked.name}" (${revoked.revokedAt})`);
      return 0;
    }
    out(INTEGRATION_HELP);
    return 1;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const issues = error.details as { path: string; message: string }[] | undefined;
    out(
      Array.isArray(issues) && issues.length
        ? issues.map((i) => `--${i.path}: ${i.message}`).join("\n")
        : error.message,
    );
    return 1;
  }
}
