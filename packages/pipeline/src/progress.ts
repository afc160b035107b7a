import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets the absolute position (e.g. tokens done) and optional extra fields shown after the bar. */
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

export type ProgressFactory = (stage: string, total: number, unit: string) => Progress;

function formatRate(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(value >= 10 ? 0 : 1);
}

/**
 * A progress bar per stage with rate and ETA. Without a terminal (CI, logs) cli-progress prints a
 * line every few seconds instead of redrawing, so long jobs still show they are alive.
 */
export const terminalProgress: ProgressFactory = (stage, total, unit) => {
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${stage.padEnd(22)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted} {extra}`,
      barsize: 24,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { rate: '-', extra: '' });
  return {
    update(done, extra = {}) {
      const seconds = (performance.now() - started) / 1000;
      const text = Object.entries(extra)
        .map(([key, value]) => `${key} ${typeof value === 'number' ? value.toPrecision(4) : value}`)
        .join(' ');
      bar.update(done, { rate: seconds > 0 ? formatRate(done / seconds) : '-', extra: text });
    },
    stop() {
      bar.stop();
    },
  };
};

/** For tests and library callers that want no output. */
export const silentProgress: ProgressFactory = () => ({ update() {}, stop() {} });

/** An ingest-style callback `(done, total, stage)` drawn as one bar per stage, so each shows its own rate. */
export function stageProgress(progress: ProgressFactory, unit = 'rows'): {
  onProgress: (done: number, total: number, stage: string) => void;
  stop: () => void;
} {
  let current: { stage: string; bar: Progress } | undefined;
  return {
    onProgress: (done, total, stage) => {
      if (current?.stage !== stage) {
        current?.bar.stop();
        current = { stage, bar: progress(`write ${stage}`, total, unit) };
      }
      current.bar.update(done);
    },
    stop: () => current?.bar.stop(),
  };
}
