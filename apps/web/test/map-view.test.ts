import { describe, expect, it } from 'vitest';
import { densityColour, fitView, focusView, panBy, PointGrid, toMap, toScreen, zoomAt, MAX_ZOOM } from '../src/lib/map-view';

describe('map view', () => {
  const fitted = fitView(800, 600, 20);

  it('fits [0, 1]² centred in the canvas', () => {
    expect(fitted.scale).toBe(560);
    expect(toScreen(fitted, { x: 0.5, y: 0.5 })).toEqual({ x: 400, y: 300 });
  });

  it('zooms about the cursor, keeping the point under it fixed, within the zoom limits', () => {
    const before = toMap(fitted, 100, 200);
    const zoomed = zoomAt(fitted, fitted, 4, 100, 200);
    expect(zoomed.scale).toBe(fitted.scale * 4);
    const after = toMap(zoomed, 100, 200);
    expect(after.x).toBeCloseTo(before.x, 12);
    expect(after.y).toBeCloseTo(before.y, 12);
    expect(zoomAt(fitted, fitted, 1e9, 0, 0).scale).toBe(fitted.scale * MAX_ZOOM);
    expect(zoomAt(fitted, fitted, 1e-9, 0, 0).scale).toBe(fitted.scale);
  });

  it('pans and centres on a point', () => {
    expect(toScreen(panBy(fitted, 10, -5), { x: 0.5, y: 0.5 })).toEqual({ x: 410, y: 295 });
    expect(toScreen(focusView(fitted, 800, 600, { x: 0.2, y: 0.9 }, 8), { x: 0.2, y: 0.9 })).toEqual({ x: 400, y: 300 });
  });

  it('finds the nearest point within a radius, across grid cells', () => {
    const points = [{ x: 0.1, y: 0.1 }, { x: 0.5, y: 0.5 }, { x: 0.52, y: 0.5 }, { x: 0.999, y: 1 }];
    const grid = new PointGrid(points, 8);
    expect(grid.nearest(0.515, 0.5, 0.05)).toBe(2);
    expect(grid.nearest(0.49, 0.51, 0.05)).toBe(1);
    expect(grid.nearest(0.3, 0.3, 0.05)).toBe(-1);
    expect(grid.nearest(1, 1, 0.01)).toBe(3);
    // Brute force agrees on random probes.
    const random = Array.from({ length: 500 }, (_, i) => ({ x: ((i * 7919) % 1000) / 1000, y: ((i * 104729) % 997) / 997 }));
    const big = new PointGrid(random, 16);
    for (let probe = 0; probe < 50; probe += 1) {
      const [x, y] = [(probe * 37 % 100) / 100, (probe * 61 % 100) / 100];
      const distances = random.map((p) => Math.hypot(p.x - x, p.y - y));
      const min = Math.min(...distances);
      const found = big.nearest(x, y, 0.08);
      if (min <= 0.08) expect(distances[found]).toBeCloseTo(min, 12);
      else expect(found).toBe(-1);
    }
  });

  it('colours by density with dead features grey', () => {
    expect(densityColour(0, true)).toMatch(/^rgba\(140/);
    expect(densityColour(1e-6, false)).toBe('hsla(220, 75%, 50%, 0.75)');
    expect(densityColour(0.5, false)).toBe('hsla(25, 75%, 50%, 0.75)');
  });
});
