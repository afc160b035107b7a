/** Brute-force float64 references for the SAE maths, written for clarity, not speed. */

export interface RefParams {
  W_enc: ArrayLike<number>; // [dIn, width]
  b_enc: ArrayLike<number>;
  W_dec: ArrayLike<number>; // [width, dIn]
  b_dec: ArrayLike<number>;
}

/** Dense pre-activations (x − b_dec)·W_enc + b_enc, one array per row. */
export function densePre(p: RefParams, x: ArrayLike<number>, rows: number, dIn: number, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const pre: number[] = [];
    for (let j = 0; j < width; j++) {
      let sum = p.b_enc[j]!;
      for (let d = 0; d < dIn; d++) sum += (x[i * dIn + d]! - p.b_dec[d]!) * p.W_enc[d * width + j]!;
      pre.push(sum);
    }
    out.push(pre);
  }
  return out;
}

/** Top-k of each row by sorting (value descending, then index ascending), ReLU applied to values. */
export function topK(pre: number[][], k: number): { indices: number[][]; values: number[][] } {
  const indices = pre.map((row) =>
    row
      .map((value, index) => ({ value, index }))
      .sort((a, b) => b.value - a.value || a.index - b.index)
      .slice(0, k)
      .map((entry) => entry.index),
  );
  const values = indices.map((row, i) => row.map((j) => Math.max(0, pre[i]![j]!)));
  return { indices, values };
}

/** The training loss: mean over rows of ‖x − x̂‖². */
export function loss(p: RefParams, x: ArrayLike<number>, rows: number, dIn: number, width: number, k: number): number {
  const { indices, values } = topK(densePre(p, x, rows, dIn, width), k);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    for (let d = 0; d < dIn; d++) {
      let xhat = p.b_dec[d]!;
      indices[i]!.forEach((j, s) => {
        xhat += values[i]![s]! * p.W_dec[j * dIn + d]!;
      });
      total += (x[i * dIn + d]! - xhat) ** 2;
    }
  }
  return total / rows;
}

/** Smallest gap, over rows, between the k-th and (k+1)-th pre-activation and between a selected one and 0. */
export function selectionMargin(pre: number[][], k: number): number {
  let margin = Infinity;
  for (const row of pre) {
    const sorted = [...row].sort((a, b) => b - a);
    if (k < sorted.length) margin = Math.min(margin, sorted[k - 1]! - sorted[k]!);
    for (const value of sorted.slice(0, k)) margin = Math.min(margin, Math.abs(value));
  }
  return margin;
}
