import { setTimeout as sleep } from 'node:timers/promises';
import { getJobControl, saveJobProgress, type AtlasDb } from '@atlas/db';
import { AttemptSupersededError, JobError } from './job-errors.ts';
import type { ProgressMeter } from './progress-meter.ts';

export interface AttemptMonitorOptions {
  db: AtlasDb;
  jobId: string;
  attempt: number;
  meter: ProgressMeter;
  controller: AbortController;
  intervalMs: number;
  log: (line: string) => void;
}

/**
 * Watches one running attempt from the database: every interval it stores the latest progress
 * (one UPDATE, which also answers the job's state) or reads the state, and aborts the attempt
 * when the job was cancelled or another attempt took it over (its worker was presumed dead).
 * `stop` ends the loop and stores the last progress.
 */
export function monitorAttempt(options: AttemptMonitorOptions): { stop(): Promise<void> } {
  const { db, jobId, attempt, meter, controller } = options;
  const stopping = new AbortController();
  const tick = async () => {
    const report = meter.take();
    const control = report ? await saveJobProgress(db, jobId, attempt, report) : await getJobControl(db, jobId);
    if (controller.signal.aborted) return;
    if (!control || control.state === 'cancelled') {
      controller.abort(new JobError('The job was cancelled.', { code: 'CANCELLED' }));
    } else if (control.state !== 'running' || control.attempts !== attempt) {
      controller.abort(new AttemptSupersededError(`Attempt ${attempt} was superseded by attempt ${control.attempts} (it ran past its time limit).`));
    }
  };
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await sleep(options.intervalMs, undefined, { signal: stopping.signal });
      } catch {
        break;
      }
      // A database hiccup must not kill the job: the next tick tries again.
      await tick().catch((error: unknown) => options.log(`progress not saved: ${error instanceof Error ? error.message : String(error)}`));
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
      const report = meter.take();
      if (report) await saveJobProgress(db, jobId, attempt, report).catch(() => undefined);
    },
  };
}
