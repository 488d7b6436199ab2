import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import { z } from "zod";
import {
  type Claim,
  claimJobs,
  completeJob,
  extendLease,
  failAbandonedJobs,
  failAttempt,
  releaseJob,
} from "./job.claims.js";
import {
  type JobContext,
  type JobHandler,
  JobInterruptedError,
  JobLeaseLostError,
  PermanentJobError,
} from "./job-handler.js";
import { type Job, type JobRow, toJob } from "./job.js";
import { type JobLogger, silentLogger } from "./job-logger.js";
import { jobsDb } from "./job.queries.js";
import type { JobsDatabase, JobsDb } from "./job.table.js";
import { RUNNER_BEAT_MS, RUNNER_SILENT_MS, RunnerBeat, silentBefore } from "./runner-liveness.js";
import { ScheduleClock } from "./schedule-clock.js";
import { type Schedule, scheduleKey } from "./schedule.js";

export interface JobRunnerOptions<DB extends JobsDatabase> {
  db: Kysely<DB>;
  /** Handlers by job name. The runner claims only jobs it has a handler for. */
  handlers: Record<string, JobHandler<any>>;
  /**
   * Recurring jobs; each needs a handler of the same name. A function is asked again every
   * `scheduleRefreshMs`, so schedules kept in the database (a newsletter's send time) change
   * without a restart.
   */
  schedules?: Schedule[] | (() => Promise<Schedule[]>);
  /** How often a schedules function is asked again (default 60 s). */
  scheduleRefreshMs?: number;
  /** Handlers running at once in this runner (default 2). */
  concurrency?: number;
  /** How often to look for due jobs and schedule occurrences (default 1000 ms). */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat before another runner may take the job (default 60 s). */
  leaseMs?: number;
  /** Wait before the next attempt, after `attempts` failed ones (default 10 s doubling, at most 1 h). */
  backoffMs?: (attempts: number) => number;
  /** The clock for run times, leases and schedules (tests inject one). */
  now?: () => Date;
  logger?: JobLogger;
  /** Names this runner in locked_by (default host:pid:random). */
  runnerId?: string;
  /** Told when each attempt ends, with its outcome and duration (metrics). */
  observe?: (job: string, outcome: JobOutcome, seconds: number) => void;
  /**
   * Liveness (runner-liveness.ts): once started, the runner writes its row every `beatMs`, and takes
   * over running jobs whose runner has been silent for `silentMs` without waiting for their lease.
   * Default 5 s and 15 s; false for neither.
   */
  liveness?: { beatMs: number; silentMs: number } | false;
}

export type JobOutcome = "succeeded" | "failed" | "interrupted" | "lost";

export const defaultBackoffMs = (attempts: number) => Math.min(10_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

const PROGRESS_WRITE_INTERVAL_MS = 1000;

/**
 * Runs due jobs from the jobs table with leases, retries and schedules; the same class runs
 * in-process next to the web server (embedded) or in a separate worker (scaled out). Execution is
 * at least once: a handler may run again after a crash or a lost lease (docs/adr/007).
 */
export class JobRunner<DB extends JobsDatabase = JobsDatabase> {
  readonly runnerId: string;
  private readonly db: JobsDb;
  private readonly handlers: Record<string, JobHandler<any>>;
  private readonly names: string[];
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly backoffMs: (attempts: number) => number;
  private readonly now: () => Date;
  private readonly log: JobLogger;
  private readonly observe: JobRunnerOptions<DB>["observe"];
  private readonly liveness: { beatMs: number; silentMs: number } | false;
  private beat: RunnerBeat | undefined;
  private schedules: ScheduleClock[] = [];
  private readonly scheduleSource: (() => Promise<Schedule[]>) | undefined;
  private readonly scheduleRefreshMs: number;
  /** When the schedules function last answered; undefined until it first has. */
  private schedulesAt: Date | undefined;
  private readonly running = new Set<Promise<void>>();
  private ticks: Promise<void> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private woken = false;
  private wake: (() => void) | undefined;

  constructor(options: JobRunnerOptions<DB>) {
    this.db = jobsDb(options.db);
    this.handlers = options.handlers;
    this.names = Object.keys(options.handlers);
    this.concurrency = options.concurrency ?? 2;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.now = options.now ?? (() => new Date());
    this.log = options.logger ?? silentLogger;
    this.observe = options.observe;
    this.liveness = options.liveness ?? { beatMs: RUNNER_BEAT_MS, silentMs: RUNNER_SILENT_MS };
    this.runnerId = options.runnerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError("concurrency must be ≥ 1");
    this.scheduleRefreshMs = options.scheduleRefreshMs ?? 60_000;
    if (typeof options.schedules === "function") {
      this.scheduleSource = options.schedules;
    } else {
      for (const schedule of options.schedules ?? []) {
        if (!this.handlers[schedule.name]) throw new Error(`Schedule ${schedule.name} has no handler of that name`);
      }
      this.schedules = (options.schedules ?? []).map((schedule) => new ScheduleClock(schedule));
    }
  }

  /**
   * Asks the schedules function again when it is due: a schedule whose key, pattern and zone are
   * unchanged keeps its clock; a new or changed one counts from the previous answer (it did not
   * exist in this form before then), so an occurrence that fell between the two answers still runs.
   */
  private async refreshSchedules(now: Date): Promise<void> {
    if (!this.scheduleSource) return;
    if (this.schedulesAt && now.getTime() - this.schedulesAt.getTime() < this.scheduleRefreshMs) return;
    let fresh: Schedule[];
    try {
      fresh = await this.scheduleSource();
    } catch (err) {
      this.log.error({ err, runner: this.runnerId }, "schedules not loaded; keeping the ones in force");
      return;
    }
    const identity = (s: Schedule) => `${scheduleKey(s)}\n${s.cron}\n${s.timeZone ?? "UTC"}`;
    const current = new Map(this.schedules.map((clock) => [identity(clock.schedule), clock]));
    const next: ScheduleClock[] = [];
    for (const schedule of fresh) {
      if (!this.handlers[schedule.name]) {
        this.log.error({ schedule: scheduleKey(schedule) }, "schedule has no handler of that name; ignored");
        continue;
      }
      const kept = current.get(identity(schedule));
      try {
        next.push(kept ?? new ScheduleClock(schedule, this.schedulesAt));
      } catch (err) {
        this.log.error({ err, schedule: scheduleKey(schedule) }, "schedule ignored: its pattern does not parse");
      }
    }
    this.schedules = next;
    this.schedulesAt = now;
  }

  /**
   * Starts polling (and beating: runner-liveness.ts). The first poll enqueues the last occurrence of
   * each schedule missed while stopped.
   */
  start(): void {
    if (this.loop) return;
    if (this.stopping) throw new Error("A stopped JobRunner cannot start again; make a new one");
    this.loop = this.runLoop();
  }

  /** Stops claiming, then waits for the handlers still running to finish (beating meanwhile). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.ticks;
    await this.idle();
    await this.beat?.stop();
  }

  /** True from stop() on: handlers made of steps end after the current one (JobContext.stopping). */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Handlers running now. */
  get activeCount(): number {
    return this.running.size;
  }

  /** Resolves when no handler of this runner is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /**
   * One poll now: enqueue due schedule occurrences, fail abandoned jobs, claim and start due jobs
   * up to the free concurrency. Resolves once the claimed handlers have started, not finished.
   * Calls are serialised; the polling loop uses the same method.
   */
  tick(): Promise<void> {
    const next = this.ticks.then(() => this.pollOnce());
    this.ticks = next.catch(() => undefined);
    return next;
  }

  private async runLoop(): Promise<void> {
    if (this.liveness) {
      const beat = new RunnerBeat(this.db, this.runnerId, this.log, this.liveness.beatMs);
      // The first beat before the first claim: a runner never holds a job without a row that says
      // it is alive. A database away at start-up leaves it without one (leases alone) until next start.
      await beat.start().then(
        () => (this.beat = beat),
        (err: unknown) => this.log.warn({ err, runner: this.runnerId }, "job runner beat not started"),
      );
    }
    while (!this.stopping) {
      this.woken = false;
      try {
        await this.tick();
      } catch (err) {
        this.log.error({ err, runner: this.runnerId }, "job poll failed; trying again");
      }
      if (!this.woken && !this.stopping) await this.sleep(this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private wakeUp(): void {
    this.woken = true;
    this.wake?.();
  }

  private async pollOnce(): Promise<void> {
    if (this.stopping && this.loop) return;
    const now = this.now();
    await this.refreshSchedules(now);
    for (const schedule of this.schedules) await schedule.enqueueDue(this.db, now, this.log);
    const silent = this.liveness ? { silentBefore: silentBefore(this.liveness.silentMs) } : {};
    for (const row of await failAbandonedJobs(this.db, { names: this.names, now, ...silent })) {
      this.log.error({ job: row.id, name: row.name, attempts: row.attempts }, "job failed: lease expired");
    }
    const free = this.concurrency - this.running.size;
    if (free < 1) return;
    const rows = await claimJobs(this.db, {
      runnerId: this.runnerId,
      names: this.names,
      limit: free,
      now,
      leaseMs: this.leaseMs,
      ...silent,
    });
    for (const row of rows) this.launch(row);
  }

  private launch(row: JobRow): void {
    const run = this.execute(row).finally(() => {
      this.running.delete(run);
      this.wakeUp();
    });
    this.running.add(run);
  }

  private async execute(row: JobRow): Promise<void> {
    const job = toJob(row);
    const claim: Claim = { id: job.id, runnerId: this.runnerId, attempts: job.attempts };
    const handler = this.handlers[job.name]!;
    const leaseMs = handler.leaseMs ?? this.leaseMs;
    const meta = { job: job.id, name: job.name, attempt: job.attempts, runner: this.runnerId };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      // The claim used the runner's lease; a handler with its own lease sets it before it starts.
      if (handler.leaseMs !== undefined && !(await extendLease(this.db, claim, { now: this.now(), leaseMs }))) {
        throw new JobLeaseLostError(job.id);
      }
      const input = handler.schema.safeParse(job.payload);
      if (!input.success) {
        throw new PermanentJobError(`Invalid payload for ${job.name}: ${z.prettifyError(input.error)}`);
      }
      this.log.info(meta, "job started");
      await handler.run(input.data, this.context(job, claim, leaseMs));
      if (await completeJob(this.db, claim, this.now())) {
        this.log.info({ ...meta, durationMs: elapsed() }, "job succeeded");
        this.observe?.(job.name, "succeeded", elapsed() / 1000);
      } else {
        this.log.warn({ ...meta, durationMs: elapsed() }, "job finished after its claim was lost; not recorded");
        this.observe?.(job.name, "lost", elapsed() / 1000);
      }
    } catch (err) {
      const outcome = await this.recordFailure(job, claim, err, { ...meta, durationMs: elapsed() });
      this.observe?.(job.name, outcome, elapsed() / 1000);
    }
  }

  private async recordFailure(job: Job, claim: Claim, err: unknown, meta: object): Promise<JobOutcome> {
    if (err instanceof JobLeaseLostError) {
      this.log.warn(meta, "job stopped: claim lost (cancelled or taken over)");
      return "lost";
    }
    if (err instanceof JobInterruptedError) {
      const released = await releaseJob(this.db, claim, this.now()).catch(() => false);
      // Not released (the database is away): its lease expires and another runner takes it then.
      this.log.info({ ...meta, released }, "job stopped after a step for the shutdown; queued again");
      return "interrupted";
    }
    const permanent = err instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    const now = this.now();
    const retryAt = permanent ? null : new Date(now.getTime() + this.backoffMs(job.attempts));
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    try {
      await failAttempt(this.db, claim, { now, error, retryAt });
    } catch (dbErr) {
      // The lease will expire and the job will be taken again: at-least-once still holds.
      this.log.error({ ...meta, err: dbErr }, "job failure not recorded");
      return "failed";
    }
    if (retryAt) this.log.warn({ ...meta, err, retryAt }, "job attempt failed; will retry");
    else this.log.error({ ...meta, err }, "job failed");
    return "failed";
  }

  private context(job: Job, claim: Claim, leaseMs: number): JobContext {
    let lastWrite = -Infinity;
    const extend = async (progress?: { done: number; total: number; message?: string }) => {
      if (!(await extendLease(this.db, claim, { now: this.now(), leaseMs, ...(progress ? { progress } : {}) }))) {
        throw new JobLeaseLostError(job.id);
      }
      lastWrite = performance.now();
    };
    const stopping = () => this.stopping;
    return {
      job,
      get stopping() {
        return stopping();
      },
      heartbeat: () => extend(),
      progress: async (done, total, message) => {
        if (!Number.isFinite(done) || !Number.isFinite(total)) throw new RangeError("progress needs finite numbers");
        if (done < total && performance.now() - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
        await extend(message === undefined ? { done, total } : { done, total, message });
      },
    };
  }
}
