// `npm start`'s servers: each runs under a supervisor that restarts it when it crashes (with
// backoff, and says so) instead of stopping the others, and stops it cleanly on request.
import { spawn } from 'node:child_process';

/** Restart delays double from FIRST to MAX; a run that stayed up HEALTHY resets them. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
const HEALTHY_MS = 60_000;
/** How long a stopping server gets to close (the API finishes requests, then closes the database). */
const STOP_GRACE_MS = 15_000;

/**
 * Keeps `command args` running. `log` receives one line per event (started with pid, exited,
 * restarting in N s). `stop(signal)` forwards the signal and resolves when the process is gone
 * (SIGKILL after the grace period).
 */
export function supervise(name, command, args, options, log = console.error) {
  let child = null;
  let stopping = false;
  let restarts = 0;
  let delay = FIRST_DELAY_MS;
  let timer = null;
  let onGone = null;

  const launch = () => {
    const startedAt = Date.now();
    // Its own process group: a signal to npm start's group (a terminal's Ctrl-C, `kill -- -pgid`)
    // reaches the server once, through stop(), not a second time directly (a second SIGTERM makes
    // the API exit without closing the database).
    child = spawn(command, args, { stdio: 'inherit', detached: true, ...options });
    log(`${name} started (pid ${child.pid}).`);
    child.on('error', (error) => log(`${name} could not start: ${error.message}`));
    child.on('exit', (code, signal) => {
      child = null;
      if (stopping) {
        onGone?.();
        return;
      }
      if (Date.now() - startedAt >= HEALTHY_MS) delay = FIRST_DELAY_MS;
      restarts += 1;
      log(`${name} exited (${signal ?? `status ${code}`}); restarting it in ${(delay / 1000).toFixed(0)} s (restart ${restarts}).`);
      timer = setTimeout(launch, delay);
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    });
  };
  launch();

  return {
    get pid() {
      return child?.pid ?? null;
    },
    stop(signal = 'SIGTERM') {
      stopping = true;
      if (timer) clearTimeout(timer);
      if (!child) return Promise.resolve();
      return new Promise((resolve) => {
        const kill = setTimeout(() => {
          log(`${name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it.`);
          child?.kill('SIGKILL');
        }, STOP_GRACE_MS);
        onGone = () => {
          clearTimeout(kill);
          resolve();
        };
        child.kill(signal);
      });
    },
  };
}
