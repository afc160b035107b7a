import { describe, expect, it } from 'vitest';
import { runFuzz } from './support/fuzz/run-fuzz.ts';

/** `npm run fuzz:api` sends the full 10,000; the test run sends FUZZ_REQUESTS (2,000 by default) from the same generator. */
const COUNT = Number(process.env['FUZZ_REQUESTS'] ?? 2_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 16);

describe('fuzzing the API process', () => {
  it(`answers ${COUNT} generated requests (malformed, wrong types, deep, alias and fragment bombs, huge) with no 5xx and no crash, in bounded memory`, async () => {
    const report = await runFuzz({ count: COUNT, seed: SEED });
    expect(report.exitedEarly).toBe(false);
    expect(report.sent).toBe(COUNT);
    // Outcome first: CI shows only the tail of a long diff.
    expect(report.failures.map(({ outcome, request }) => `${outcome} ← ${request.kind} ${request.method} ${request.body ?? request.search}`)).toEqual([]);
    // In-memory PGlite with the test atlas starts near 0.5 GB; the work of any one request is bounded.
    expect(report.rssMb.peak).toBeLessThan(report.rssMb.start + 768);
  }, 3_600_000);
});
