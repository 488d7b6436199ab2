import type { Selectable } from "kysely";
import type { JobStatus, JobTable } from "./job.table.js";

export interface JobProgress {
  done: number;
  total: number;
  message?: string;
}

/** A job as the rest of the code sees it: times as Dates, JSON parsed. */
export interface Job {
  id: number;
  name: string;
  payload: unknown;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  progress: JobProgress | null;
  key: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export type JobRow = Selectable<JobTable>;

const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    payload: parseJson(row.payload),
    status: row.status,
    runAt: new Date(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedBy: row.locked_by,
    lockedUntil: dateOrNull(row.locked_until),
    lastError: row.last_error,
    progress: row.progress === null ? null : (parseJson(row.progress) as JobProgress),
    key: row.key,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    finishedAt: dateOrNull(row.finished_at),
  };
}

// A row written by hand with broken JSON must still list on the admin screen; the runner then
// fails the job on its schema check, with the text in the error.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
