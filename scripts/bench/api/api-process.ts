import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

export type ApiProcess = { url: string; pid: number; child: ChildProcess; stop(): Promise<void> };

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * `apps/api/src/main.ts` as `npm start` runs it (the demo atlas in .atlas/pgdata unless
 * DATABASE_URL is set), in its own process so its CPU and memory are its own; with `profileDir`
 * it writes a V8 CPU profile there when stopped (`node --cpu-prof`).
 */
export async function startApiProcess(repoRoot: string, { profileDir, env = {} }: { profileDir?: string; env?: Record<string, string> } = {}): Promise<ApiProcess> {
  const port = await freePort();
  const args = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', path.join(repoRoot, 'apps/api/src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    // NODE_ENV as `npm start` sets it for the API (production unless set).
    env: { ...process.env, NODE_ENV: process.env['NODE_ENV'] ?? 'production', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the API exited with status ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) throw new Error('the API did not answer within 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    pid: child.pid!,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGINT');
      await once(child, 'exit');
    },
  };
}

/** Resident memory of a process in MB (Linux /proc). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * CPU seconds a process has used so far, all its threads (Linux /proc, user + system). The bench
 * divides a run's share by its requests: CPU per request holds up on a shared machine, where
 * requests/s and latency mostly measure what the other processes left over.
 */
export async function cpuSeconds(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), so utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux kernel built for x86 and arm64 (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;
