import { describe, expect, it } from 'vitest';
import { formatOneIn, formatPercent, formatValue } from '../src/lib/format';

describe('format', () => {
  it('formats density as a percentage', () => {
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatPercent(0.0000346)).toBe('0.0035%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('formats density as 1 in N tokens', () => {
    expect(formatOneIn(0.01)).toBe('1 in 100 tokens');
    expect(formatOneIn(0.0000345)).toBe('1 in 28,986 tokens');
    expect(formatOneIn(1)).toBe('1 in 1 tokens');
    expect(formatOneIn(0)).toBeNull();
  });

  it('formats values with significant digits', () => {
    expect(formatValue(13.7123)).toBe('13.7');
    expect(formatValue(0.1234, 2)).toBe('0.12');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(1234567)).toBe('1.23e+6');
  });
});
