import { describe, expect, it } from 'vitest';
import { formatPercent, headChartLayout } from '../src/components/head-attribution-layout';

const BOX = { width: 440, height: 200, left: 40, right: 0, top: 10, bottom: 30 };

describe('headChartLayout', () => {
  it('puts one bar per head in head order, heights proportional to share', () => {
    const layout = headChartLayout(
      [
        { head: 2, share: 0.1 },
        { head: 0, share: 0.6 },
        { head: 1, share: 0.3 },
        { head: 3, share: 0 },
      ],
      BOX,
    );
    expect(layout.top).toBe(0.6);
    expect(layout.baseline).toBe(170);
    expect(layout.bars.map((bar) => bar.head)).toEqual([0, 1, 2, 3]);
    // 400 px of plot over 4 heads: 100 px slots with an 8 px gap.
    expect(layout.bars.map((bar) => bar.x)).toEqual([44, 144, 244, 344]);
    expect(layout.bars.every((bar) => bar.width === 92)).toBe(true);
    const [h0, h1, h2, h3] = layout.bars;
    expect(h0!.height).toBeCloseTo(160);
    expect(h1!.height).toBeCloseTo(80);
    expect(h2!.height).toBeCloseTo(160 / 6);
    expect(h3!.height).toBe(0);
    for (const bar of layout.bars) expect(bar.y + bar.height).toBeCloseTo(layout.baseline);
    expect(layout.ticks.map((t) => t.share)).toEqual([0, 0.2, 0.4, 0.6]);
  });

  it('keeps a floor of 10% on the scale and caps it at 100%', () => {
    expect(headChartLayout([{ head: 0, share: 0.04 }, { head: 1, share: 0.02 }], BOX).top).toBe(0.1);
    expect(headChartLayout([{ head: 0, share: 1 }], BOX).top).toBe(1);
    expect(headChartLayout([{ head: 0, share: 0.3 }], BOX).top).toBe(0.3);
  });

  it('formats shares as percentages', () => {
    expect(formatPercent(0.256)).toBe('26%');
    expect(formatPercent(0.0345)).toBe('3.5%');
    expect(formatPercent(0)).toBe('0%');
  });
});
