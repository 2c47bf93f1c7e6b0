/**
 * List prices per node-hour, from `data/prices.json`: each with its source (the AWS Price List
 * API, the Azure Retail Prices API, the Capacity Blocks pricing page, or a copy of one, said so)
 * and the day it was retrieved. A price the table lacks is unknown, never zero.
 */
import table from './data/prices.json';
import type { Cloud } from './gpu-catalog';

/** The rate a node is billed at: On-Demand (pay-as-you-go on Azure), Spot, or a Capacity Block's. */
export type PriceRate = 'on-demand' | 'spot' | 'capacity-block';

/** Where a price comes from. */
export interface PriceSource {
  /** Id the price entries name. */
  readonly id: string;
  readonly kind: 'aws-price-list-api' | 'azure-retail-prices-api' | 'aws-capacity-block-pricing-page';
  /** What the source is, and through which copy the figures came. */
  readonly title: string;
  readonly url: string;
  /** `verbatim` or `derived` copy of the cloud's own source, or an `unofficial copy` of its page. */
  readonly copy: string;
  /** The day the figures were read into this table, `YYYY-MM-DD`. */
  readonly retrieved: string;
  /** When the cloud published the figures, as far as the copy tells. */
  readonly dataAsOf: string;
}

/** One list price. */
export interface ListPrice {
  readonly cloud: Cloud;
  readonly region: string;
  readonly sku: string;
  readonly rate: PriceRate;
  readonly usdPerHour: number;
  readonly source: PriceSource;
  /** Azure: the Retail Prices API meter the figure is read from (`ND96isrH100v5 / Virtual Machines NDsr H100 v5 Series`). */
  readonly meter?: string;
  /** What to know about this figure: a stale rate, an anomaly as published. */
  readonly note?: string;
}

/** The price table: sources and prices, as the repo ships them or a test builds them. */
export interface PriceTable {
  readonly sources: readonly PriceSource[];
  readonly prices: readonly ListPrice[];
}

/** Reads a price table in the shape of `data/prices.json`; throws on an entry that names no known source. */
export function priceTableOf(data: {
  sources: Record<string, Omit<PriceSource, 'id' | 'kind'> & { kind: string }>;
  prices: readonly {
    cloud: string;
    region: string;
    sku: string;
    rate: string;
    usdPerHour: number;
    source: string;
    note?: string;
  }[];
}): PriceTable {
  const sources = new Map(
    Object.entries(data.sources).map(([id, s]) => [id, { ...s, id, kind: s.kind as PriceSource['kind'] }]),
  );
  const prices = data.prices.map((p) => {
    const source = sources.get(p.source);
    if (!source) throw new Error(`price of ${p.sku} in ${p.region} names source ${p.source}, which the table lacks`);
    if (!(p.usdPerHour > 0))
      throw new Error(`price of ${p.sku} in ${p.region} is ${p.usdPerHour}: list it, or leave it out`);
    return { ...p, cloud: p.cloud as Cloud, rate: p.rate as PriceRate, source };
  });
  return { sources: [...sources.values()], prices };
}

/** The repo's price table (`constructs/cloud-neutral/data/prices.json`). */
export const PRICE_TABLE: PriceTable = priceTableOf(table);

/** The list price of a SKU in a region at a rate, or undefined when the table does not know it. */
export function listPrice(
  prices: PriceTable,
  cloud: Cloud,
  region: string,
  sku: string,
  rate: PriceRate,
): ListPrice | undefined {
  return prices.prices.find((p) => p.cloud === cloud && p.region === region && p.sku === sku && p.rate === rate);
}
