import type { z } from "zod";
import { mediaListQuery } from "../media/media-library.js";
import { describedFields } from "../media/media.schemas.js";
import { draftPatch } from "../newsroom/articles/article-draft.js";
import {
  correctionBody,
  createBody,
  discardBody,
  listQuery as articleListQuery,
  noteBody,
  publishBody,
  scheduleBody,
} from "../newsroom/articles/articles.routes.js";
import { authorBody } from "../newsroom/manage/authors.routes.js";
import { sectionBody } from "../newsroom/manage/sections.routes.js";
import { tagBody, tagQuery } from "../newsroom/manage/topics.routes.js";
import { entryBody, entryPatch } from "../live/live.api.js";
import { exportQuery, listQuery as subscriberListQuery } from "../newsletters/subscribers.api.js";
import { addSubscriberBody, confirmSubscriberBody, unsubscribeBody } from "../newsletters/subscriber-changes.api.js";
import { webhookInput, webhookPatch } from "../platform/webhooks/webhook.schemas.js";

// The routes of the newsroom's handlers that the Admin API exposes (docs/adr/033), in the order of
// its reference. Everything else the modules register (sign-in, accounts, presence, notifications,
// previews…) answers 404 on this entrance. The schemas are the handlers' own: the OpenAPI document
// is generated from the very objects that validate the requests.

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface AdminRoute {
  method: Method;
  /** Relative to /api/admin/v1, Fastify style (`:id`). */
  path: string;
  tag: "Articles" | "Media" | "Sections" | "Tags" | "Authors" | "Subscribers" | "Live" | "Webhooks";
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** A multipart upload rather than JSON. */
  multipart?: string[];
  /** 201 rather than 200 on success; 204 for no body. */
  status?: 200 | 201 | 204;
  /** The answer is not JSON (text/csv). */
  produces?: string;
}

export const routeKey = (method: string, url: string) => `${method.toUpperCase()} ${url}`;

export const ADMIN_ROUTES: AdminRoute[] = [
  { method: "GET", path: "/articles", tag: "Articles", summary: "List articles", query: articleListQuery },
  { method: "POST", path: "/articles", tag: "Articles", summary: "Create a draft", body: createBody, status: 201 },
  { method: "GET", path: "/articles/:id", tag: "Articles", summary: "Read an article" },
  {
    method: "PUT",
    path: "/articles/:id",
    tag: "Articles",
    summary: "Save changes (409 CONFLICT when baseVersion is not the current version)",
    body: draftPatch,
  },
  { method: "POST", path: "/articles/:id/submit", tag: "Articles", summary: "Submit for review", body: noteBody },
  {
    method: "POST",
    path: "/articles/:id/schedule",
    tag: "Articles",
    summary: "Schedule publication",
    body: scheduleBody,
  },
  { method: "POST", path: "/articles/:id/unschedule", tag: "Articles", summary: "Cancel a schedule" },
  {
    method: "POST",
    path: "/articles/:id/publish",
    tag: "Articles",
    summary: "Publish now, or put a published article's staged changes live (Update)",
    body: publishBody,
  },
  {
    method: "POST",
    path: "/articles/:id/discard",
    tag: "Articles",
    summary: "Drop a published article's staged changes",
    body: discardBody,
  },
  { method: "POST", path: "/articles/:id/unpublish", tag: "Articles", summary: "Take down", body: noteBody },
  {
    method: "POST",
    path: "/articles/:id/notes",
    tag: "Articles",
    summary: "Add a correction or an update note",
    body: correctionBody,
  },
  { method: "POST", path: "/articles/:id/trash", tag: "Articles", summary: "Move to the trash" },
  {
    method: "POST",
    path: "/media",
    tag: "Media",
    summary: "Upload an image",
    multipart: ["file", "alt", "caption", "credit"],
    status: 201,
  },
  { method: "GET", path: "/media", tag: "Media", summary: "List and search the library", query: mediaListQuery },
  { method: "GET", path: "/media/:id", tag: "Media", summary: "Read an image" },
  { method: "PATCH", path: "/media/:id", tag: "Media", summary: "Describe an image", body: describedFields },
  { method: "GET", path: "/sections", tag: "Sections", summary: "List sections" },
  { method: "POST", path: "/sections", tag: "Sections", summary: "Create a section", body: sectionBody, status: 201 },
  { method: "PATCH", path: "/sections/:id", tag: "Sections", summary: "Change a section", body: sectionBody },
  { method: "GET", path: "/tags", tag: "Tags", summary: "List or find tags", query: tagQuery },
  { method: "POST", path: "/tags", tag: "Tags", summary: "Create a tag", body: tagBody, status: 201 },
  { method: "GET", path: "/authors", tag: "Authors", summary: "List authors" },
  { method: "POST", path: "/authors", tag: "Authors", summary: "Create an author", body: authorBody, status: 201 },
  { method: "PATCH", path: "/authors/:id", tag: "Authors", summary: "Change an author", body: authorBody },
  {
    method: "GET",
    path: "/subscribers",
    tag: "Subscribers",
    summary: "List subscribers",
    query: subscriberListQuery,
  },
  {
    method: "POST",
    path: "/subscribers",
    tag: "Subscribers",
    summary: "Add a subscriber (pending until confirmed)",
    body: addSubscriberBody,
    status: 201,
  },
  {
    method: "POST",
    path: "/subscribers/:id/confirm",
    tag: "Subscribers",
    summary: "Confirm a subscription, recording the consent given",
    body: confirmSubscriberBody,
  },
  {
    method: "POST",
    path: "/subscribers/:id/unsubscribe",
    tag: "Subscribers",
    summary: "Unsubscribe from one newsletter or all",
    body: unsubscribeBody,
  },
  {
    method: "GET",
    path: "/subscribers/export.csv",
    tag: "Subscribers",
    summary: "Export subscriptions as CSV",
    query: exportQuery,
    produces: "text/csv",
  },
  { method: "GET", path: "/articles/:id/live-entries", tag: "Live", summary: "A live blog's entries" },
  {
    method: "POST",
    path: "/articles/:id/live-entries",
    tag: "Live",
    summary: "Post a live entry",
    body: entryBody,
    status: 201,
  },
  {
    method: "PUT",
    path: "/articles/:id/live-entries/:entryId",
    tag: "Live",
    summary: "Edit a live entry",
    body: entryPatch,
  },
  { method: "DELETE", path: "/articles/:id/live-entries/:entryId", tag: "Live", summary: "Remove a live entry" },
  { method: "GET", path: "/webhooks", tag: "Webhooks", summary: "List webhooks" },
  {
    method: "POST",
    path: "/webhooks",
    tag: "Webhooks",
    summary: "Register a webhook",
    body: webhookInput,
    status: 201,
  },
  { method: "PATCH", path: "/webhooks/:id", tag: "Webhooks", summary: "Change a webhook", body: webhookPatch },
  { method: "DELETE", path: "/webhooks/:id", tag: "Webhooks", summary: "Remove a webhook", status: 204 },
  { method: "GET", path: "/webhooks/:id/deliveries", tag: "Webhooks", summary: "A webhook's delivery log" },
  { method: "POST", path: "/webhooks/:id/test", tag: "Webhooks", summary: "Send a test event" },
  {
    method: "POST",
    path: "/webhooks/:id/deliveries/:deliveryId/redeliver",
    tag: "Webhooks",
    summary: "Send a delivery again",
  },
];
