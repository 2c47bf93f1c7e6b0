import { budgetProblems } from '../../../constructs/checks/budgets';
import { sharedLedger } from '../../helpers/ledger-fixture';

// The frozen fork: prd's AWS side holds serve (64 GPUs at max in us-west-2), infer in two regions,
// spot L4s, a Capacity Block without a sourced rate, and a reservation: 142 GPUs at max; its Azure
// side (368 GPUs at max) is priced throughout.
const { rows } = sharedLedger('fork');

describe('budgets', () => {
  test('a GPU budget exceeded fails, naming the budget, the figure against it, and the pool and region that add the most', () => {
    const problems = budgetProblems('prd', { aws: { maxGpus: 100 } }, rows);

    expect(problems).toEqual([
      {
        path: 'environments.prd.budget.aws.maxGpus',
        message:
          "the plan's GPUs at max on aws in prd are 142, over the budget of 100 by 42; the pool and region that add the most: serve in us-west-2 (aws, environments.prd.gpuPools[1]), with 64",
      },
    ]);
  });

  test('a budget exceeded by one pool names that pool', () => {
    // Only the reservation's 16 GPUs in swedencentral are committed on Azure.
    const [problem] = budgetProblems('prd', { azure: { committedGpus: 8 } }, rows);

    expect(problem.path).toBe('environments.prd.budget.azure.committedGpus');
    expect(problem.message).toContain('are 16, over the budget of 8 by 8');
    expect(problem.message).toContain('reserved in swedencentral (azure, environments.prd.gpuPools[5])');
  });

  test('budgets within the plan pass; a total budget spans both clouds', () => {
    expect(
      budgetProblems('prd', { aws: { maxGpus: 142 }, azure: { maxGpus: 368, maxMonthlyUsd: 5_000_000 } }, rows),
    ).toEqual([]);
    expect(budgetProblems('prd', { total: { maxGpus: 150 } }, rows)[0].message).toContain(
      "the plan's GPUs at max in prd are 510, over the budget of 150",
    );
  });

  test('spend with unpriced pools under it cannot be judged, and says which pools lack a price', () => {
    const [problem] = budgetProblems('prd', { aws: { committedMonthlyUsd: 1_000_000 } }, rows);

    expect(problem.path).toBe('environments.prd.budget.aws.committedMonthlyUsd');
    expect(problem.message).toMatch(
      /^cannot be judged: 1 pool has no list price \(blocks in us-west-2 \(aws, environments\.prd\.gpuPools\[4\]\)\); the priced pools come to \$59,810\.00 of the \$1,000,000\.00 budget/,
    );
  });

  test('spend the priced pools alone exceed fails as exceeded, a lower bound, naming the unpriced too', () => {
    const [problem] = budgetProblems('prd', { aws: { committedMonthlyUsd: 50_000 } }, rows);

    expect(problem.message).toMatch(
      /is at least \$59,810\.00, over the budget of \$50,000\.00 by at least \$9,810\.00/,
    );
    expect(problem.message).toContain('the pool and region that add the most: reserved in us-west-2');
    expect(problem.message).toContain('unpriced besides: blocks in us-west-2');
  });
});
