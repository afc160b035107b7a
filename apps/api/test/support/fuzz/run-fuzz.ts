import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fuzzRequests, type FuzzRequest } from './requests.ts';

export type FuzzReport = {
  sent: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  /** Answers with status ≥ 500, or no answer at all. */
  failures: { request: FuzzRequest; outcome: string }[];
  /** The API's resident memory sampled while fuzzing (MB), and its peak (VmHWM). */
  rssMb: { start: number; max: number; end: number; peak: number };
  exitedEarly: boolean;
};

const CHILD = fileURLToPath(new URL('../api-child.ts', import.meta.url));

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

async function send(url: string, request: FuzzRequest): Promise<string> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}${request.search}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(11 * 60_000), // past the child's 10-minute deadline
    });
    await response.arrayBuffer();
    if (response.status < 500) return String(response.status);
    return `${response.status} after ${Math.round(performance.now() - started)} ms`;
  } catch (error) {
    return `no answer after ${Math.round(performance.now() - started)} ms: ${(error as Error).message}`;
  }
}

/**
 * Sends `count` generated requests (fuzz/requests.ts) with `concurrency` in flight to a real API
 * process, recording statuses, failures (5xx, no answer) and the process's memory throughout.
 */
export async function runFuzz({ count, seed, concurrency = 4, onProgress }: { count: number; seed: number; concurrency?: number; onProgress?: (done: number) => void }): Promise<FuzzReport> {
  const { child, url } = await startChild();
  const pid = child.pid!;
  const requests = fuzzRequests(count, seed);
  const start = memory(pid).rss;
  const report: FuzzReport = { sent: 0, byStatus: {}, byKind: {}, failures: [], rssMb: { start, max: start, end: start, peak: 0 }, exitedEarly: false };
  let next = 0;
  const worker = async () => {
    while (next < requests.length && child.exitCode === null) {
      const request = requests[next++]!;
      const outcome = await send(url, request);
      report.sent += 1;
      const status = outcome.startsWith('no answer') ? 'none' : outcome.slice(0, 3);
      report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
      report.byKind[request.kind] = (report.byKind[request.kind] ?? 0) + 1;
      if (!/^[1-4]\d\d$/.test(outcome)) report.failures.push({ request: { ...request, body: request.body?.slice(0, 300) }, outcome });
      if (report.sent % 50 === 0 && child.exitCode === null) {
        report.rssMb.max = Math.max(report.rssMb.max, memory(pid).rss);
        onProgress?.(report.sent);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.exitedEarly = child.exitCode !== null;
  if (!report.exitedEarly) {
    const { rss, hwm } = memory(pid);
    report.rssMb.end = rss;
    report.rssMb.peak = hwm;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  return report;
}
