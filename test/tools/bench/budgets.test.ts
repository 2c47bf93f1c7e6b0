import { BUDGETS, evaluateBudgets, type BudgetInputs } from '../../../tools/bench/budgets';

const linear = { early: 40, late: 45, ratio: 45 / 40, ok: true };
const passing: BudgetInputs = {
  synthMs: 400,
  synthRssMiB: 120,
  policyGateShare: 0.05,
  baselineRatio: 12,
  scale50Ms: 2500,
  scale50RssMiB: 160,
  linearityTime: linear,
  linearityRss: linear,
  testsColdMs: 40_000,
  testsWarmMs: 20_000,
};

describe('evaluateBudgets', () => {
  test('every budget passes on figures inside them', () => {
    const results = evaluateBudgets(passing);
    expect(results).toHaveLength(10);
    expect(results.filter((b) => !b.ok)).toEqual([]);
  });

  test('the limits are the issue’s: 1 s / 250 MiB, a gate share under 15%, 5x, 6 s / 1 GiB at 50 regions, 2x linearity, 60 s / 30 s tests', () => {
    expect(BUDGETS).toEqual({
      synthMs: 1000,
      synthRssMiB: 250,
      policyGateShare: 0.15,
      baselineRatio: 5,
      scale50Ms: 6000,
      scale50RssMiB: 1024,
      linearityMaxRatio: 2,
      testsColdMs: 60_000,
      testsWarmMs: 30_000,
    });
  });

  test('each figure over its limit fails that budget alone, naming the figure', () => {
    const failing: [keyof BudgetInputs, unknown, string][] = [
      ['synthMs', 1100, '1.10 s'],
      ['synthRssMiB', 251, '251 MiB'],
      ['policyGateShare', 0.16, '16.0%'],
      ['baselineRatio', 4.9, '4.9x'],
      ['scale50Ms', 6500, '6.50 s'],
      ['scale50RssMiB', 1100, '1100 MiB'],
      ['linearityTime', { early: 20, late: 50, ratio: 2.5, ok: false }, '20.0 -> 50.0 ms/region (x2.50)'],
      ['linearityRss', { early: 1, late: 0.4, ratio: 0.4, ok: false }, '1.00 -> 0.40 MiB/region (x0.40)'],
      ['testsColdMs', 61_000, '61.00 s'],
      ['testsWarmMs', 31_000, '31.00 s'],
    ];
    for (const [key, value, measured] of failing) {
      const failed = evaluateBudgets({ ...passing, [key]: value }).filter((b) => !b.ok);
      expect(failed).toHaveLength(1);
      expect(failed[0].measured).toBe(measured);
    }
  });

  test('a budget not measured fails', () => {
    const results = evaluateBudgets({ ...passing, testsColdMs: undefined, baselineRatio: undefined });
    expect(results.filter((b) => !b.ok).map((b) => b.measured)).toEqual(['not measured', 'not measured']);
  });
});
