import { describe, expect, it } from 'vitest';
import { ProgressMeter } from '../src/progress-meter.ts';

describe('ProgressMeter', () => {
  it('hands over the latest report once per change, with the rate over the last 30 s', () => {
    let now = 0;
    const meter = new ProgressMeter(() => now);
    meter.report(0, 100, 'rows');
    expect(meter.take()).toEqual({ done: 0, total: 100, unit: 'rows', rate: null });
    expect(meter.take()).toBeUndefined();
    now = 500;
    meter.report(5, 100, 'rows');
    expect(meter.take()!.rate).toBeNull(); // under a second of history: no rate yet
    now = 2_000;
    meter.report(20, 100, 'rows');
    expect(meter.take()!.rate).toBe(10);
    // A change of pace shows once the window has moved past the old samples.
    for (now = 3_000; now <= 60_000; now += 1_000) meter.report(20 + ((now - 2_000) / 1_000) * 2, 100, 'rows');
    expect(meter.take()!.rate).toBeCloseTo(2, 5);
  });

  it('starts over when done goes back (a new phase) and ignores non-finite values', () => {
    let now = 0;
    const meter = new ProgressMeter(() => now);
    meter.report(50);
    now = 2_000;
    meter.report(10);
    expect(meter.take()).toEqual({ done: 10, total: null, unit: null, rate: null });
    meter.report(Number.NaN);
    expect(meter.take()).toBeUndefined();
  });
});
