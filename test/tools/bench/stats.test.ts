import { leastSquares, linearity, median, pairedSummary, segmentSlope, summarize } from '../../../tools/bench/stats';

describe('median and summarize', () => {
  test('the middle value of an odd count, the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test('summarize reports runs, median, min and max without reordering its input', () => {
    const values = [5, 1, 9, 3, 7];
    expect(summarize(values)).toEqual({ runs: 5, median: 5, min: 1, max: 9 });
    expect(values).toEqual([5, 1, 9, 3, 7]);
  });

  test('no values is an error', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('leastSquares', () => {
  test('recovers an exact line', () => {
    const fit = leastSquares([1, 5, 20, 50].map((x) => ({ x, y: 300 + 40 * x })));
    expect(fit.slope).toBeCloseTo(40, 10);
    expect(fit.intercept).toBeCloseTo(300, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  test('fits noisy points with R² below 1', () => {
    const fit = leastSquares([
      { x: 0, y: 1 },
      { x: 1, y: 2 },
      { x: 2, y: 2 },
      { x: 3, y: 4 },
    ]);
    // Hand-computed: slope = sxy / sxx = 4.5 / 5, intercept = 2.25 - 0.9 * 1.5.
    expect(fit.slope).toBeCloseTo(0.9, 10);
    expect(fit.intercept).toBeCloseTo(0.9, 10);
    expect(fit.r2).toBeGreaterThan(0.8);
    expect(fit.r2).toBeLessThan(1);
  });

  test('needs two distinct x', () => {
    expect(() => leastSquares([{ x: 1, y: 1 }])).toThrow('2 or more distinct x');
  });
});

describe('linearity', () => {
  const segments = { early: [5, 20], late: [20, 50] } as const;
  const points = (f: (x: number) => number) => [1, 5, 20, 50].map((x) => ({ x, y: f(x) }));

  test('a straight line has ratio 1 and passes', () => {
    const l = linearity(
      points((x) => 300 + 40 * x),
      segments,
    );
    expect(l).toEqual({ early: 40, late: 40, ratio: 1, ok: true });
  });

  test('quadratic growth fails: the late segment costs more than twice as much per region', () => {
    // Per region: (400 - 25) / 15 = 25 over 5->20, (2500 - 400) / 30 = 70 over 20->50.
    const l = linearity(
      points((x) => x * x),
      segments,
    );
    expect(l?.early).toBeCloseTo(25);
    expect(l?.late).toBeCloseTo(70);
    expect(l?.ok).toBe(false);
  });

  test('a late segment far cheaper than the early one also fails, as does no growth', () => {
    expect(
      linearity(
        points((x) => (x <= 20 ? 10 * x : 200 + 2 * (x - 20))),
        segments,
      )?.ok,
    ).toBe(false);
    expect(
      linearity(
        points(() => 100),
        segments,
      )?.ok,
    ).toBe(false);
  });

  test('is undefined without the points it needs', () => {
    expect(
      linearity(
        [
          { x: 1, y: 1 },
          { x: 2, y: 2 },
        ],
        segments,
      ),
    ).toBeUndefined();
  });

  test('segmentSlope is growth per unit of x', () => {
    expect(segmentSlope({ x: 20, y: 1000 }, { x: 50, y: 2500 })).toBe(50);
  });
});

describe('pairedSummary', () => {
  test('summarizes the figure of each pair, not the figure of the medians', () => {
    // Load rose during the second pair, and more for its first run than its second.
    const pairs = [
      [100, 150],
      [300, 330],
      [110, 220],
    ] as const;
    expect(pairedSummary(pairs, (a, b) => b / a)).toEqual({ runs: 3, median: 1.5, min: 1.1, max: 2 });
    expect(median(pairs.map(([, b]) => b)) / median(pairs.map(([a]) => a))).toBe(2);
  });

  test('keeps the spread of the pairs, and is absent without pairs', () => {
    const share = pairedSummary(
      [
        [100, 90],
        [100, 95],
        [200, 160],
      ],
      (app, off) => (app - off) / app,
    );
    expect(share?.median).toBeCloseTo(0.1, 10);
    expect(share?.min).toBeCloseTo(0.05, 10);
    expect(share?.max).toBeCloseTo(0.2, 10);
    expect(pairedSummary([], (a, b) => a / b)).toBeUndefined();
  });
});
