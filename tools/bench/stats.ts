/**
 * The benchmark's arithmetic: run summaries, least-squares growth and the linearity criterion.
 * Pure functions.
 */

/** Median, min and max of a set of runs. */
export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return { runs: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A least-squares line through points: `y = intercept + slope * x`, and its R². */
export interface LinearFit {
  readonly slope: number;
  readonly intercept: number;
  /** Coefficient of determination: 1 is a perfect line; NaN when every y is equal. */
  readonly r2: number;
}

export function leastSquares(points: readonly Point[]): LinearFit {
  const xs = new Set(points.map((p) => p.x));
  if (xs.size < 2) throw new Error('a line needs points at 2 or more distinct x');
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const ssTotal = points.reduce((s, p) => s + (p.y - meanY) ** 2, 0);
  const ssResidual = points.reduce((s, p) => s + (p.y - (intercept + slope * p.x)) ** 2, 0);
  return { slope, intercept, r2: ssTotal === 0 ? NaN : 1 - ssResidual / ssTotal };
}

/** Growth per unit of x between two points. */
export function segmentSlope(from: Point, to: Point): number {
  if (from.x === to.x) throw new Error('a segment needs two distinct x');
  return (to.y - from.y) / (to.x - from.x);
}

/**
 * The linearity criterion: growth per region over a late segment (20 to 50 regions) against an
 * early one (5 to 20). Linear growth gives a ratio near 1; superlinear growth (a cost per region
 * that rises with the region count, such as a quadratic pass over all stacks) a ratio above 1.
 * It holds when both segments grow and neither is more than `maxRatio` times the other.
 */
export interface Linearity {
  /** Growth per region over the early segment. */
  readonly early: number;
  /** Growth per region over the late segment. */
  readonly late: number;
  /** `late / early`. */
  readonly ratio: number;
  readonly ok: boolean;
}

export function linearity(
  points: readonly Point[],
  segments: { early: readonly [number, number]; late: readonly [number, number] },
  maxRatio = 2,
): Linearity | undefined {
  const at = (x: number) => points.find((p) => p.x === x);
  const [e0, e1, l0, l1] = [...segments.early, ...segments.late].map(at);
  if (!e0 || !e1 || !l0 || !l1) return undefined;
  const early = segmentSlope(e0, e1);
  const late = segmentSlope(l0, l1);
  const ratio = late / early;
  const ok = early > 0 && late > 0 && Math.max(ratio, 1 / ratio) <= maxRatio;
  return { early, late, ratio, ok };
}

/**
 * A figure of paired runs: `f(a, b)` for each pair of runs taken one after the other (A, B, A, B,
 * ...), summarized. Load on a shared machine drifts over minutes; the two runs of a pair see about
 * the same load, so their ratio holds where a ratio of two medians taken at different times does not.
 */
export function pairedSummary(
  pairs: readonly (readonly [number, number])[],
  f: (a: number, b: number) => number,
): Summary | undefined {
  return pairs.length > 0 ? summarize(pairs.map(([a, b]) => f(a, b))) : undefined;
}
