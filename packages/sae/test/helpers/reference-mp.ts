/** A float64 reference of matching pursuit over decoder rows, written for clarity, not speed. */

export interface MpRow {
  /** Atom chosen at each step (argmax of the correlations, first on ties). */
  indices: number[];
  /** Coefficient a_t = ReLU(max correlation), 0 once ‖r_t‖ < threshold. */
  values: number[];
  /** r_0 … r_steps. */
  residuals: number[][];
  /**
   * The smallest distance of any step from changing its outcome: best minus second-best
   * correlation, |best| (the ReLU's kink) and |‖r_t‖ − threshold| (when a threshold is set).
   */
  margin: number;
}

export function mpRow(
  W_dec: ArrayLike<number>, b_dec: ArrayLike<number>, x: ArrayLike<number>, xAt: number,
  width: number, steps: number, threshold = 0,
): MpRow {
  const dIn = b_dec.length;
  let r = Array.from({ length: dIn }, (_, d) => x[xAt + d]! - b_dec[d]!);
  const row: MpRow = { indices: [], values: [], residuals: [r], margin: Infinity };
  for (let t = 0; t < steps; t++) {
    const c = Array.from({ length: width }, (_, j) => r.reduce((sum, rd, d) => sum + rd * W_dec[j * dIn + d]!, 0));
    let best = 0;
    for (let j = 1; j < width; j++) if (c[j]! > c[best]!) best = j;
    const second = Math.max(...c.filter((_, j) => j !== best));
    const norm = Math.hypot(...r);
    row.margin = Math.min(row.margin, c[best]! - second, Math.abs(c[best]!), threshold > 0 ? Math.abs(norm - threshold) : Infinity);
    const a = norm < threshold ? 0 : Math.max(0, c[best]!);
    row.indices.push(best);
    row.values.push(a);
    r = r.map((rd, d) => rd - a * W_dec[best * dIn + d]!);
    row.residuals.push(r);
  }
  return row;
}

/** mean_i ‖x_i − x̂_i‖² = mean_i ‖r_K‖², and the smallest selection margin over the rows. */
export function mpLoss(
  W_dec: ArrayLike<number>, b_dec: ArrayLike<number>, x: ArrayLike<number>, rows: number,
  width: number, steps: number, threshold = 0,
): { loss: number; margin: number } {
  const dIn = b_dec.length;
  let loss = 0;
  let margin = Infinity;
  for (let i = 0; i < rows; i++) {
    const row = mpRow(W_dec, b_dec, x, i * dIn, width, steps, threshold);
    loss += row.residuals[steps]!.reduce((sum, v) => sum + v * v, 0);
    margin = Math.min(margin, row.margin);
  }
  return { loss: loss / rows, margin };
}
