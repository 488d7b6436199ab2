import { api } from "../api.js";
import type { UploadTransport } from "./chunked-upload.js";
import type { VideoItem } from "./video-types.js";

/** The chunked upload over the newsroom API (PUT with Content-Range; GET for the stored offset). */
export const httpTransport: UploadTransport = {
  create: (input) => api.post("/videos/uploads", input),
  status: (id) => api.get(`/videos/uploads/${id}`),
  put: (id, chunk, range) =>
    api.bytes("PUT", `/videos/uploads/${id}`, chunk, undefined, {
      "content-type": "application/octet-stream",
      "content-range": `bytes ${range.first}-${range.last}/${range.total}`,
    }),
  video: (id) => api.get<VideoItem>(`/videos/${id}`),
};
