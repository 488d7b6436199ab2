import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Kysely } from "kysely";
import { type AttemptDeps, type JobOutcome, runAttempt } from "./job-attempt.js";
import type { JobHandler } from "./job-handler.js";
import type { JobRow } from "./job.js";
import { type JobLogger, silentLogger } from "./job-logger.js";
import { claimJobs, failAbandonedJobs } from "./job.claims.js";
import { jobsDb } from "./job.queries.js";
import type { JobsDatabase, JobsDb } from "./job.table.js";
import { RUNNER_BEAT_MS, RUNNER_SILENT_MS, RunnerBeat, silentBefore } from "./runner-liveness.js";
import { RunnerSchedules } from "./runner-schedules.js";
import type { Schedule } from "./schedule.js";

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
  /** Handlers running at once in this runner (default 2), besides those of `groups`. */
  concurrency?: number;
  /**
   * Jobs that run in slots of their own, beside the `concurrency` others: jobs that mostly wait on
   * another host (a webhook's POST), so a burst of them neither waits two at a time nor holds up
   * the rest (a scheduled publication, a newsletter send).
   */
  groups?: { names: string[]; concurrency: number }[];
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

export const defaultBackoffMs = (attempts: number) => Math.min(10_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

/**
 * Runs due jobs from the jobs table with leases, retries and schedules; the same class runs
 * in-process next to the web server (embedded) or in a separate worker (scaled out). Execution is
 * at least once: a handler may run again after a crash or a lost lease (docs/adr/007).
 */
export class JobRunner<DB extends JobsDatabase = JobsDatabase> {
  readonly runnerId: string;
  private readonly db: JobsDb;
  private readonly names: string[];
  private readonly concurrency: number;
  /** The slots: the general one first (index 0), then each group's. */
  private readonly slots: { names: string[]; concurrency: number }[];
  private readonly pollMs: number;
  private readonly liveness: { beatMs: number; silentMs: number } | false;
  private readonly log: JobLogger;
  private readonly now: () => Date;
  /** What each attempt is run with (job-attempt.ts). */
  private readonly attempt: AttemptDeps;
  private readonly schedules: RunnerSchedules;
  private beat: RunnerBeat | undefined;
  /** Running attempts, with the slot each runs in. */
  private readonly running = new Map<Promise<void>, number>();
  private ticks: Promise<void> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private woken = false;
  private wake: (() => void) | undefined;

  constructor(options: JobRunnerOptions<DB>) {
    this.db = jobsDb(options.db);
    this.names = Object.keys(options.handlers);
    this.concurrency = options.concurrency ?? 2;
    this.pollMs = options.pollMs ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.log = options.logger ?? silentLogger;
    this.liveness = options.liveness ?? { beatMs: RUNNER_BEAT_MS, silentMs: RUNNER_SILENT_MS };
    this.runnerId = options.runnerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.attempt = {
      db: this.db,
      runnerId: this.runnerId,
      handlers: options.handlers,
      leaseMs: options.leaseMs ?? 60_000,
      backoffMs: options.backoffMs ?? defaultBackoffMs,
      now: this.now,
      log: this.log,
      observe: options.observe,
      stopping: () => this.stopping,
    };
    const groups = options.groups ?? [];
    for (const g of [this.concurrency, ...groups.map((x) => x.concurrency)])
      if (!Number.isInteger(g) || g < 1) throw new RangeError("concurrency must be ≥ 1");
    const grouped = new Set(groups.flatMap((g) => g.names));
    this.slots = [
      { names: this.names.filter((n) => !grouped.has(n)), concurrency: this.concurrency },
      ...groups.map((g) => ({ names: g.names.filter((n) => this.names.includes(n)), concurrency: g.concurrency })),
    ];
    this.schedules = new RunnerSchedules(
      options.schedules,
      options.handlers,
      options.scheduleRefreshMs ?? 60_000,
      this.log,
      this.runnerId,
    );
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
    while (this.running.size > 0) await Promise.allSettled([...this.running.keys()]);
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
    await this.schedules.enqueueDue(this.db, now);
    const silent = this.liveness ? { silentBefore: silentBefore(this.liveness.silentMs) } : {};
    for (const row of await failAbandonedJobs(this.db, {
      runnerId: this.runnerId,
      names: this.names,
      now,
      ...silent,
    })) {
      this.log.error({ job: row.id, name: row.name, attempts: row.attempts }, "job failed: lease expired");
    }
    for (const [slot, { names, concurrency }] of this.slots.entries()) {
      const busy = [...this.running.values()].filter((s) => s === slot).length;
      const rows = await claimJobs(this.db, {
        runnerId: this.runnerId,
        names,
        limit: concurrency - busy,
        now,
        leaseMs: this.attempt.leaseMs,
        ...silent,
      });
      for (const row of rows) this.launch(row, slot);
    }
  }

  private launch(row: JobRow, slot: number): void {
    const run = runAttempt(this.attempt, row).finally(() => {
      this.running.delete(run);
      this.wakeUp();
    });
    this.running.set(run, slot);
  }
}
