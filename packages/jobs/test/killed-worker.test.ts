import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openJobQueue } from '../src/index.ts';
import { targets } from './support/targets.ts';
import { countJob, testKinds } from './support/test-kinds.ts';

const workerScript = path.join(import.meta.dirname, 'support/worker-child.ts');

describe.each(targets)('a worker process killed mid-job on %s', (_name, open) => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  it('leaves the job to be retried after its expiry, and another worker finishes it', async () => {
    const target = await open();
    const lines: string[] = [];
    const queue = await openJobQueue(target.url, { log: (line) => lines.push(line), superviseIntervalSeconds: 1 });
    try {
      // node --import tsx (not the tsx binary) so the pid we kill is the worker itself.
      const child = spawn(process.execPath, ['--import', 'tsx', workerScript, target.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      child.stdout!.setEncoding('utf8').on('data', (text: string) => lines.push(`child: ${text.trim()}`));
      child.stderr!.setEncoding('utf8').on('data', (text: string) => lines.push(`child (stderr): ${text.trim()}`));
      const exited = new Promise((resolve) => child.once('exit', resolve));

      // Long enough (5 s) that stored progress is seen before it ends on a quiet machine; the expiry leaves room on a busy one.
      const id = await queue.enqueue(countJob, { steps: 100, stepMs: 50 }, { expireInSeconds: 30, retryLimit: 2 });
      // Killed once it has stored some progress: the attempt is surely under way in that process.
      for (let job = await queue.getJob(id); (job?.progress?.done ?? 0) < 2; job = await queue.getJob(id)) await sleep(50);
      child.kill('SIGKILL');
      await exited;
      expect(await queue.getJob(id), lines.join('\n')).toMatchObject({ state: 'running', attempts: 1 });

      const workers = await queue.startWorkers({ kinds: testKinds, pollIntervalSeconds: 0.2 });
      try {
        const [job] = await queue.waitForJobs([id], { pollIntervalSeconds: 0.2 });
        expect(job, lines.join('\n')).toMatchObject({ state: 'succeeded', attempts: 2, result: { steps: 100, attempt: 2 }, error: null });
        expect(lines.some((line) => line.startsWith('child') && line.includes('attempt 1 of 3 started')), lines.join('\n')).toBe(true);
      } finally {
        await workers.stop();
      }
    } finally {
      await queue.close();
      await target.close();
    }
  });
});
