import { GPU_CATALOG } from '../../../constructs/cloud-neutral/gpu-catalog';
import { listPrice, PRICE_TABLE, priceTableOf } from '../../../constructs/cloud-neutral/prices';

const KINDS = ['aws-price-list-api', 'azure-retail-prices-api', 'aws-capacity-block-pricing-page'];

describe('the price table', () => {
  test('every price names a source of a known kind, with its retrieval date and how the copy was made', () => {
    expect(PRICE_TABLE.prices.length).toBeGreaterThan(0);
    for (const source of PRICE_TABLE.sources) {
      expect(KINDS).toContain(source.kind);
      expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.url).toMatch(/^https?:\/\//);
      expect(source.copy).not.toBe('');
      expect(source.dataAsOf).not.toBe('');
    }
    for (const price of PRICE_TABLE.prices) expect(price.usdPerHour).toBeGreaterThan(0);
  });

  test('one price per cloud, region, SKU and rate', () => {
    const keys = PRICE_TABLE.prices.map((p) => `${p.cloud} ${p.region} ${p.sku} ${p.rate}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('GPU SKUs priced are SKUs of the catalog on their cloud, or system sizes', () => {
    const gpuSkus = new Set(
      Object.values(GPU_CATALOG).flatMap((m) =>
        Object.entries(m.offerings).flatMap(([cloud, offerings]) =>
          (offerings as readonly { sku: string }[]).map((o) => `${cloud} ${o.sku}`),
        ),
      ),
    );
    const system = /^(m\d|Standard_D)/;
    for (const p of PRICE_TABLE.prices) if (!system.test(p.sku)) expect(gpuSkus).toContain(`${p.cloud} ${p.sku}`);
  });

  test('a lookup misses rather than guesses: another region or rate is unknown', () => {
    const known = PRICE_TABLE.prices[0];
    expect(listPrice(PRICE_TABLE, known.cloud, known.region, known.sku, known.rate)).toBe(known);
    expect(listPrice(PRICE_TABLE, known.cloud, 'nowhere-1', known.sku, known.rate)).toBeUndefined();
  });

  test('a zero price or an unknown source is refused', () => {
    const sources = {
      s: {
        kind: 'aws-price-list-api',
        title: 't',
        url: 'https://example.com',
        copy: 'verbatim',
        retrieved: '2026-12-07',
        dataAsOf: 'd',
      },
    };
    expect(() =>
      priceTableOf({
        sources,
        prices: [{ cloud: 'aws', region: 'r', sku: 'x', rate: 'on-demand', usdPerHour: 0, source: 's' }],
      }),
    ).toThrow('is 0: list it, or leave it out');
    expect(() =>
      priceTableOf({
        sources,
        prices: [{ cloud: 'aws', region: 'r', sku: 'x', rate: 'on-demand', usdPerHour: 1, source: 't' }],
      }),
    ).toThrow('names source t, which the table lacks');
  });
});
