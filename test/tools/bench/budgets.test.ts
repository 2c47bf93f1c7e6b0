import {
  BUDGETS,
  evaluateBudgets,
  percent,
  seconds,
  times,
  withSpread,
  type BudgetInputs,
} from '../../../tools/bench/budgets';

const linear = { early: 40, late: 45, ratio: 45 / 40, ok: true };
const around = (median: number, runs = 7) => ({ runs, median, min: median * 0.9, max: median * 1.2 });
const passing: BudgetInputs = {
  synthMs: around(450),
  synthRssMiB: 150,
  policyGateShare: around(0.04),
  baselineRatio: around(12),
  scale50Ms: around(2500, 3),
  linearityTime: linear,
  linearityRss: linear,
  testsColdMs: 25_000,
};

describe('evaluateBudgets', () => {
  test('every budget passes on figures inside them', () => {
    const results = evaluateBudgets(passing);
    expect(results).toHaveLength(8);
    expect(results.filter((b) => !b.ok)).toEqual([]);
  });

  test('the limits: 0.6 s / 200 MiB, a gate share up to 15%, 8x, 3.5 s at 50 regions, 2x linearity, 30 s cold tests', () => {
    expect(BUDGETS).toEqual({
      synthMs: 600,
      synthRssMiB: 200,
      policyGateShare: 0.15,
      baselineRatio: 8,
      scale50Ms: 3500,
      linearityMaxRatio: 2,
      testsColdMs: 30_000,
    });
  });

  test('each figure past its limit fails that budget alone, naming the figure with its spread', () => {
    const failing: [keyof BudgetInputs, unknown, string][] = [
      ['synthMs', around(610), '0.61 s (0.55-0.73 s over 7 runs)'],
      ['synthRssMiB', 201, '201 MiB'],
      ['policyGateShare', around(0.16), '16.0% (14.4-19.2% over 7 pairs)'],
      ['baselineRatio', around(7.9), '7.9x (7.1-9.5x over 7 pairs)'],
      ['scale50Ms', around(3600, 3), '3.60 s (3.24-4.32 s over 3 runs)'],
      ['linearityTime', { early: 20, late: 50, ratio: 2.5, ok: false }, '20.0 -> 50.0 ms/region (x2.50)'],
      ['linearityRss', { early: 1, late: 0.4, ratio: 0.4, ok: false }, '1.00 -> 0.40 MiB/region (x0.40)'],
      ['testsColdMs', 31_000, '31.00 s'],
    ];
    for (const [key, value, measured] of failing) {
      const failed = evaluateBudgets({ ...passing, [key]: value }).filter((b) => !b.ok);
      expect([key, failed.map((b) => b.measured)]).toEqual([key, [measured]]);
    }
  });

  test('the median decides, not the spread: a limit inside the range of the runs passes', () => {
    const results = evaluateBudgets({ ...passing, synthMs: { runs: 7, median: 590, min: 500, max: 900 } });
    expect(results[0]).toMatchObject({ ok: true, limit: '<= 0.60 s' });
    expect(evaluateBudgets({ ...passing, baselineRatio: { runs: 5, median: 8, min: 6, max: 9 } })[3]).toMatchObject({
      ok: true,
      limit: '>= 8.0x',
    });
  });

  test('a budget not measured fails', () => {
    const results = evaluateBudgets({ ...passing, testsColdMs: undefined, baselineRatio: undefined });
    expect(results.filter((b) => !b.ok).map((b) => b.measured)).toEqual(['not measured', 'not measured']);
    expect(evaluateBudgets({ ...passing, synthRssMiB: NaN })[1]).toMatchObject({ ok: false, measured: 'not measured' });
  });
});

test('withSpread shows the median, then the range and what it is over; a negative range spelled out', () => {
  expect(withSpread({ runs: 3, median: 1500, min: 1200, max: 2100 }, seconds, 'runs')).toBe(
    '1.50 s (1.20-2.10 s over 3 runs)',
  );
  expect(withSpread({ runs: 5, median: -0.01, min: -0.03, max: 0.025 }, percent, 'pairs')).toBe(
    '-1.0% (-3.0% to 2.5% over 5 pairs)',
  );
  expect(withSpread({ runs: 1, median: 6.9, min: 6.9, max: 6.9 }, times, 'pairs')).toBe('6.9x (1 pair)');
});
