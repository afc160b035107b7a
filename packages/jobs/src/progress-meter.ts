import type { JobProgressReport } from '@atlas/db';

/** How far back the rate looks: long enough to smooth bursty work, short enough to follow a change of pace. */
const RATE_WINDOW_MS = 30_000;
/** Reports closer together than this give no rate yet (too noisy). */
const MIN_RATE_SPAN_MS = 1_000;

/**
 * Keeps a running attempt's latest progress and its rate over a sliding window of reports.
 * `report` is cheap and synchronous (called per batch); `take` hands the latest report to the
 * monitor that persists it, once per change.
 */
export class ProgressMeter {
  private samples: { at: number; done: number }[] = [];
  private latest: JobProgressReport | undefined;
  private rate: number | null = null;
  private changed = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  report(done: number, total: number | null = null, unit: string | null = null): void {
    if (!Number.isFinite(done) || (total !== null && !Number.isFinite(total))) return;
    const at = this.now();
    // Done going back is a new phase: its pace starts from scratch.
    if (this.samples.length > 0 && done < this.samples.at(-1)!.done) {
      this.samples = [];
      this.rate = null;
    }
    this.samples.push({ at, done });
    // Keep one sample older than the window as the rate's starting point.
    while (this.samples.length > 2 && at - this.samples[1]!.at > RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const span = at - first.at;
    if (span >= MIN_RATE_SPAN_MS) this.rate = ((done - first.done) * 1000) / span;
    this.latest = { done, total, unit, rate: this.rate };
    this.changed = true;
  }

  /** The latest report if it changed since the last call. */
  take(): JobProgressReport | undefined {
    if (!this.changed) return undefined;
    this.changed = false;
    return this.latest;
  }
}
