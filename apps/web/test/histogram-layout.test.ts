import { describe, expect, it } from 'vitest';
import { countAxis, edgeLabelIndices, niceCeil } from '../src/lib/histogram-layout';
import { tokenWindow } from '../src/lib/token-window';

describe('histogram layout', () => {
  it('rounds the top of the count axis to a nice number', () => {
    expect(niceCeil(4093)).toBe(5000);
    expect(niceCeil(1800)).toBe(2000);
    expect(niceCeil(230)).toBe(250);
    expect(niceCeil(1000)).toBe(1000);
    expect(niceCeil(0)).toBe(1);
  });

  it('places counts on a linear axis', () => {
    const axis = countAxis(4093, 'linear');
    expect(axis.ticks).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(countAxis(230, 'linear').ticks).toEqual([0, 50, 100, 150, 200, 250]);
    expect(axis.position(2500)).toBe(0.5);
    expect(axis.position(0)).toBe(0);
  });

  it('places counts on a log axis, zero on the baseline', () => {
    const axis = countAxis(4093, 'log');
    expect(axis.ticks).toEqual([1, 10, 100, 1000, 10000]);
    expect(axis.position(100)).toBe(0.5);
    expect(axis.position(0)).toBe(0);
    expect(countAxis(0, 'log').ticks).toEqual([1, 10]);
  });

  it('labels about eight edges including both ends', () => {
    expect(edgeLabelIndices(31)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(edgeLabelIndices(3)).toEqual([0, 1, 2]);
    const many = edgeLabelIndices(51);
    expect(many[0]).toBe(0);
    expect(many[many.length - 1]).toBe(50);
    expect(many.length).toBeLessThanOrEqual(9);
  });
});

describe('tokenWindow', () => {
  it('keeps the centre token inside the window', () => {
    expect(tokenWindow(64, 30, 6, 10)).toEqual({ start: 24, end: 41 });
    expect(tokenWindow(10, 2, 6, 10)).toEqual({ start: 0, end: 10 });
    expect(tokenWindow(10, 99, 6, 10)).toEqual({ start: 3, end: 10 });
    expect(tokenWindow(0, 0)).toEqual({ start: 0, end: 0 });
  });
});
