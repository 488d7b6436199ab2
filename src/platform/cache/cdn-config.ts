import { z } from "zod";
import { CDN_API_BASES, type CdnPurgeSettings } from "./cdn-purge.js";

// The CDN settings of the environment contract (config.ts validates them with the rest).

export const cdnEnvSchema = {
  CDN_PURGE: z.enum(["fastly", "cloudflare"]).optional(),
  CDN_PURGE_ID: z
    .string()
    .regex(/^[\w-]+$/, "CDN_PURGE_ID must be a service or zone id")
    .optional(),
  CDN_PURGE_TOKEN: z.string().min(1).optional(),
  CDN_PURGE_API: z.url({ protocol: /^https?$/ }).optional(),
};

type CdnEnv = {
  CDN_PURGE?: "fastly" | "cloudflare" | undefined;
  CDN_PURGE_ID?: string | undefined;
  CDN_PURGE_TOKEN?: string | undefined;
  CDN_PURGE_API?: string | undefined;
};

/** The CDN to purge, none when CDN_PURGE is unset, or the line that says what is missing. */
export function cdnPurgeSettings(e: CdnEnv): CdnPurgeSettings | undefined | string {
  if (!e.CDN_PURGE) return undefined;
  if (!e.CDN_PURGE_ID || !e.CDN_PURGE_TOKEN) {
    return `CDN_PURGE_ID, CDN_PURGE_TOKEN: CDN_PURGE=${e.CDN_PURGE} needs the ${e.CDN_PURGE === "fastly" ? "service" : "zone"} id and an API token`;
  }
  return {
    provider: e.CDN_PURGE,
    id: e.CDN_PURGE_ID,
    token: e.CDN_PURGE_TOKEN,
    apiBase: e.CDN_PURGE_API ?? CDN_API_BASES[e.CDN_PURGE],
  };
}
