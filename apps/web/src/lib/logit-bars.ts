export interface SignedValue {
  value: number;
}

/**
 * Bar length (percent of the column) for each token effect, on one scale shared by the positive
 * and negative columns so their magnitudes compare at a glance.
 */
export function logitBarWidths(positive: readonly SignedValue[], negative: readonly SignedValue[]) {
  const largest = Math.max(0, ...positive.map((e) => Math.abs(e.value)), ...negative.map((e) => Math.abs(e.value)));
  const width = (effect: SignedValue) => (largest === 0 ? 0 : Math.round((Math.abs(effect.value) / largest) * 1000) / 10);
  return { positive: positive.map(width), negative: negative.map(width) };
}
