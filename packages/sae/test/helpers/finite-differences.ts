/** Central differences (f(v + h·e_i) − f(v − h·e_i)) / 2h of `loss` at `base`, for every i, in float64. */
export function centralDifferences(base: ArrayLike<number>, loss: (values: Float64Array) => number, h = 1e-4): Float64Array {
  const values = Float64Array.from(base);
  const grad = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const original = values[i]!;
    values[i] = original + h;
    const up = loss(values);
    values[i] = original - h;
    const down = loss(values);
    values[i] = original;
    grad[i] = (up - down) / (2 * h);
  }
  return grad;
}
