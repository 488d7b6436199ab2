// The names of the newsletters' jobs. `jobs.ts` lists their handlers (newsletter-job-handlers.ts);
// the newsletters' screens and endpoints enqueue and read them by these names.

export const NEWSLETTER_JOB_NAMES = {
  compose: "newsletter.compose",
  send: "newsletter.send",
  video: "newsletter.video",
  digest: "newsletter.digest",
  breakingAlert: "newsletter.breaking",
  deliver: "newsletter.deliver",
} as const;

/** The jobs that compose or send a newsletter's edition (the newsletters screen reads their runs). */
export const EDITION_JOBS: string[] = [
  NEWSLETTER_JOB_NAMES.compose,
  NEWSLETTER_JOB_NAMES.send,
  NEWSLETTER_JOB_NAMES.video,
  NEWSLETTER_JOB_NAMES.breakingAlert,
  NEWSLETTER_JOB_NAMES.digest,
];
