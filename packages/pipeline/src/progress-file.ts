import { renameSync, writeFileSync } from 'node:fs';
import type { ProgressFactory } from './progress.ts';

/** One stage as the snapshot file records it (a finished stage keeps its last figures). */
export interface StageSnapshot {
  stage: string;
  unit: string;
  done: number;
  total: number;
  /** Units per second since the stage started. */
  rate: number;
  /** Seconds left at that rate; null until the rate is known. */
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
}

/** What `fileProgress` writes: every stage so far, in order, the last one current. */
export interface BuildProgressSnapshot {
  startedAt: string;
  updatedAt: string;
  stages: StageSnapshot[];
}

/** Writes at most this often while a stage runs; stage starts and ends are written at once. */
const WRITE_INTERVAL_MS = 1000;

/**
 * Mirrors a build's progress into a JSON file (written atomically: temp file then rename), so
 * another process — `npm start`'s progress page — can show the stage, done/total, rate and ETA
 * without touching the build's database. Stages are whatever the build reports (generic: new
 * stages need no change here). `inner` still draws the terminal bars.
 */
export function fileProgress(file: string, inner: ProgressFactory): ProgressFactory {
  const snapshot: BuildProgressSnapshot = { startedAt: new Date().toISOString(), updatedAt: '', stages: [] };
  let lastWrite = 0;
  const write = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastWrite < WRITE_INTERVAL_MS) return;
    lastWrite = now;
    snapshot.updatedAt = new Date(now).toISOString();
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot));
    renameSync(temporary, file);
  };
  write(true);
  return (stage, total, unit) => {
    const bar = inner(stage, total, unit);
    const started = performance.now();
    const entry: StageSnapshot = {
      stage, unit, done: 0, total, rate: 0, etaSeconds: null, startedAt: new Date().toISOString(), finishedAt: null,
    };
    snapshot.stages.push(entry);
    write(true);
    return {
      update(done, extra) {
        bar.update(done, extra);
        const seconds = (performance.now() - started) / 1000;
        entry.done = done;
        entry.rate = seconds > 0 ? done / seconds : 0;
        entry.etaSeconds = entry.rate > 0 ? Math.max(0, (total - done) / entry.rate) : null;
        write(false);
      },
      stop() {
        bar.stop();
        entry.finishedAt = new Date().toISOString();
        entry.etaSeconds = 0;
        write(true);
      },
    };
  };
}
