import type { ComponentType } from "preact";
import { CopyLink } from "../articles/views/CopyLink.island.js";
import { LiveUpdates } from "../live/views/LiveUpdates.island.js";
import { NewsletterPrompt } from "../newsletters/views/NewsletterPrompt.island.js";
import { PushOptIn } from "../push/views/PushOptIn.island.js";
import { FloatingPlayer } from "../videos/views/FloatingPlayer.island.js";

/** Every island by the name the server's <Island name> uses. scripts/check-islands.ts keeps them in step. */
export const islands: Record<string, ComponentType<any>> = {
  CopyLink,
  FloatingPlayer,
  LiveUpdates,
  NewsletterPrompt,
  PushOptIn,
};
