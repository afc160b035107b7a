/** Number formatting for the atlas pages (en-US, deterministic on server and client). */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** 1234567 → "1.2M" */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** An activation or metric with `digits` significant digits, without exponent noise for normal ranges. */
export function formatValue(value: number, digits = 3): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-4) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

/** Density as a percentage: 0.0123 → "1.23%", 0.0000346 → "0.0035%". */
export function formatPercent(fraction: number): string {
  if (fraction === 0) return '0%';
  const percent = fraction * 100;
  if (percent >= 1) return `${percent.toFixed(2)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

/** Density as "1 in N tokens"; null when the feature never fires. */
export function formatOneIn(density: number): string | null {
  if (!(density > 0)) return null;
  return `1 in ${formatInteger(Math.max(1, Math.round(1 / density)))} tokens`;
}
