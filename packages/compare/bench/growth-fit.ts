// How a cost grows with a size: the least-squares slope of log(cost) on log(size). A slope of 1 is
// linear growth, 2 quadratic; with fewer than two sizes there is nothing to fit.
export function logLogSlope(points: { size: number; value: number }[]): number | undefined {
  const usable = points.filter((p) => p.size > 0 && p.value > 0);
  if (usable.length < 2) return undefined;
  const xs = usable.map((p) => Math.log(p.size));
  const ys = usable.map((p) => Math.log(p.value));
  const mean = (v: number[]) => v.reduce((sum, x) => sum + x, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den > 0 ? num / den : undefined;
}
