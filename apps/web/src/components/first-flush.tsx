import { Suspense, type ReactNode } from 'react';

/**
 * Content that goes out in the page's first flush when its data is already here (`ready`), and is
 * streamed behind `fallback` otherwise (its data failed or is late: the section then fails or
 * arrives on its own, as before, and the rest of the page still shows).
 *
 * Why not always Suspense: React reveals a streamed section with an inline script that waits at
 * least 300 ms after the previous reveal (react-dom 19's `$RC` throttle), so a first-screen section
 * that streams in lands 300 ms or more after the shell has painted; on the feature page that
 * section holds the largest contentful paint (issue 14 item 7, docs/benchmarks.md).
 */
export function FirstFlush({ ready, fallback, children }: { ready: boolean; fallback: ReactNode; children: ReactNode }) {
  return ready ? children : <Suspense fallback={fallback}>{children}</Suspense>;
}
