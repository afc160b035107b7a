import { CompareError } from './compare-error.ts';
import type { RunControl } from './result.ts';

/** Throws CANCELLED when the run's signal has fired; called between blocks of work. */
export function throwIfAborted(control: RunControl | undefined): void {
  if (control?.signal?.aborted) {
    throw new CompareError('The comparison was cancelled.', { code: 'CANCELLED', cause: control.signal.reason });
  }
}

/** Yields to the event loop so an abort (or a progress write) can land inside long JS loops. */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
