import {
  billedRate,
  CAPACITY_KINDS,
  commitmentOf,
  committedShares,
  HOURS_PER_MONTH,
  ledgerRow,
  ledgerTotals,
  totalOf,
  type PlannedPool,
} from '../../../constructs/cloud-neutral/ledger';
import { priceTableOf } from '../../../constructs/cloud-neutral/prices';

/** A price table of two made-up figures, so the arithmetic is checked apart from the shipped prices. */
const PRICES = priceTableOf({
  sources: {
    test: {
      kind: 'aws-price-list-api',
      title: 'test figures',
      url: 'https://example.com',
      copy: 'verbatim',
      retrieved: '2026-12-07',
      dataAsOf: '2026-12-07',
    },
  },
  prices: [
    { cloud: 'aws', region: 'r1', sku: 'big', rate: 'on-demand', usdPerHour: 10.005, source: 'test' },
    { cloud: 'azure', region: 'r2', sku: 'vm', rate: 'on-demand', usdPerHour: 3, source: 'test' },
    { cloud: 'aws', region: 'r1', sku: 'big', rate: 'capacity-block', usdPerHour: 4, source: 'test' },
  ],
});

function pool(overrides: Partial<PlannedPool>): PlannedPool {
  return {
    environment: 'e1',
    cloud: 'aws',
    region: 'r1',
    pool: 'p',
    role: 'gpu',
    gpuModel: 'h100',
    sku: 'big',
    gpusPerNode: 8,
    nodes: { min: 1, desired: 2, max: 5 },
    capacity: 'on-demand',
    configPath: 'environments.e1.gpuPools[0]',
    ...overrides,
  };
}

describe('ledger rows', () => {
  test('GPUs are nodes x GPUs per node; cost is nodes x price, and a month is 730 hours, to the cent', () => {
    const row = ledgerRow(pool({}), PRICES);

    expect(row.gpus).toEqual({ min: 8, desired: 16, max: 40 });
    expect(row.hourlyUsd).toEqual({ min: 10.01, desired: 20.01, max: 50.03 });
    expect(row.monthlyUsd).toEqual({ min: 7303.65, desired: 14607.3, max: 36518.25 });
    expect(HOURS_PER_MONTH).toBe(730);
    expect(row.price).toMatchObject({
      usdPerNodeHour: 10.005,
      rate: 'on-demand',
      source: 'test',
      retrieved: '2026-12-07',
    });
  });

  test('a price the table lacks is unknown, never zero, and says why', () => {
    const row = ledgerRow(pool({ region: 'elsewhere' }), PRICES);

    expect(row.price).toBeNull();
    expect(row.hourlyUsd).toBeNull();
    expect(row.monthlyUsd).toBeNull();
    expect(row.unpricedReason).toBe('the price table has no on-demand price for big in elsewhere');
    expect(ledgerRow(pool({ capacity: 'spot' }), PRICES).unpricedReason).toMatch(
      /AWS publishes no list price for Spot/,
    );
  });

  test('reservations bill at the on-demand rate, Capacity Blocks at their own; both are committed', () => {
    expect(CAPACITY_KINDS.map((k) => [k, billedRate(k), commitmentOf(k)])).toEqual([
      ['on-demand', 'on-demand', 'elastic'],
      ['spot', 'spot', 'elastic'],
      ['on-demand-capacity-reservation', 'on-demand', 'committed'],
      ['capacity-block', 'capacity-block', 'committed'],
      ['azure-capacity-reservation-group', 'on-demand', 'committed'],
    ]);
    expect(ledgerRow(pool({ capacity: 'capacity-block' }), PRICES).price?.usdPerNodeHour).toBe(4);
    expect(ledgerRow(pool({ capacity: 'on-demand-capacity-reservation' }), PRICES).price?.usdPerNodeHour).toBe(10.005);
  });
});

describe('ledger totals and shares', () => {
  const rows = [
    pool({}),
    pool({ pool: 'q', capacity: 'capacity-block', nodes: { min: 0, desired: 1, max: 2 } }),
    pool({ cloud: 'azure', region: 'r2', sku: 'vm', capacity: 'azure-capacity-reservation-group' }),
    pool({ environment: 'e2', cloud: 'azure', region: 'r9', sku: 'vm', capacity: 'azure-capacity-reservation-group' }),
    pool({ pool: 'system', role: 'system', gpuModel: undefined, gpusPerNode: 0, sku: 'small' }),
  ].map((p) => ledgerRow(p, PRICES));

  test('totals add up the rows of their scope, money over priced rows only, with a note counting the unpriced', () => {
    const e1aws = totalOf(rows, { environment: 'e1', cloud: 'aws', role: 'gpu' });
    expect(e1aws.gpus).toEqual({ min: 8, desired: 24, max: 56 });
    expect(e1aws.monthlyUsd!.max).toBeCloseTo(36518.25 + 2 * 4 * 730, 2);
    expect(e1aws.committed).toEqual({ gpus: 16, monthlyUsd: 5840, unpricedRows: 0 });

    const all = totalOf(rows, { role: 'gpu' });
    expect(all.rows).toBe(4);
    expect(all.unpricedRows).toBe(1);
    expect(all.note).toBe('1 of 4 rows unpriced; totals are lower bounds');
    expect(all.committed).toEqual({ gpus: 16 + 40 + 40, monthlyUsd: 5840 + 5 * 3 * 730, unpricedRows: 1 });
  });

  test('system pools are totalled apart from GPU pools', () => {
    const system = totalOf(rows, { role: 'system' });
    expect(system).toMatchObject({ rows: 1, unpricedRows: 1, gpus: { min: 0, desired: 0, max: 0 } });
    // Its only row is unpriced: its money is unknown, never 0.
    expect([system.hourlyUsd, system.monthlyUsd]).toEqual([null, null]);
    expect(totalOf(rows, { role: 'gpu' }).nodes.max).toBe(5 + 2 + 5 + 5);
  });

  test('every scope: per environment and cloud, per environment, per cloud, overall; for each role', () => {
    const totals = ledgerTotals(rows);
    expect(totals).toHaveLength(2 * (2 * 3 + 2 + 1));
    for (const role of ['gpu', 'system'] as const) {
      const of = (environment?: string, cloud?: string) =>
        totals.find((t) => t.role === role && t.environment === environment && t.cloud === cloud)!;
      for (const bound of ['min', 'desired', 'max'] as const) {
        expect(of('e1').gpus[bound] + of('e2').gpus[bound]).toBe(of().gpus[bound]);
        expect(of(undefined, 'aws').gpus[bound] + of(undefined, 'azure').gpus[bound]).toBe(of().gpus[bound]);
      }
    }
  });

  test('committed shares per cloud: GPUs always, spend only when every committed row is priced', () => {
    const shares = committedShares(rows);
    const e1 = shares.filter((s) => s.environment === 'e1');
    expect(e1.map((s) => [s.cloud, s.gpus, s.gpuShare])).toEqual([
      ['aws', 16, 16 / 56],
      ['azure', 40, 40 / 56],
    ]);
    expect(e1[0].spendShare! + e1[1].spendShare!).toBeCloseTo(1, 10);
    const overall = shares.filter((s) => s.environment === undefined);
    expect(overall.map((s) => s.gpuShare)).toEqual([16 / 96, 80 / 96]);
    // e2's reservation has no price: a spend share would be a guess.
    expect(overall.map((s) => s.spendShare)).toEqual([null, null]);
  });
});
