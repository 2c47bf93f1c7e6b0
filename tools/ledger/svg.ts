/**
 * The ledger as an SVG chart: GPUs and monthly list price per cloud and capacity kind, at desired
 * (filled) and max (outlined), from GPU pools of every environment. Hand-written SVG, so the same
 * ledger always gives the same bytes.
 */
import { CAPACITY_KINDS, commitmentOf, formatUsd, type LedgerRow } from '../../constructs/cloud-neutral/ledger';
import { CLOUDS } from '../../constructs/cloud-neutral/gpu-catalog';
import type { Ledger } from '../../stacks/capacity-ledger';

/** One bar of the chart: a cloud and capacity kind. */
interface Bar {
  readonly label: string;
  readonly committed: boolean;
  readonly desired: number;
  readonly max: number;
  /** Rows (pools in regions) the bar sums. */
  readonly rows: number;
  /** Rows of the bar without a price (money panel only). */
  readonly unpriced: number;
}

const WIDTH = 820;
const LABEL_WIDTH = 300;
const VALUE_WIDTH = 200;
const BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20;
const ROW_HEIGHT = 26;
const PANEL_HEADER = 34;
const COLORS = { committed: '#1f6feb', elastic: '#8b949e' } as const;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixed = (n: number) => (Math.round(n * 10) / 10).toString();

function bars(rows: readonly LedgerRow[], money: boolean): Bar[] {
  return CLOUDS.flatMap((cloud) =>
    CAPACITY_KINDS.flatMap((kind) => {
      const group = rows.filter((r) => r.role === 'gpu' && r.cloud === cloud && r.capacity === kind);
      if (group.length === 0) return [];
      const sum = (bound: 'desired' | 'max') =>
        group.reduce(
          (total, r) => total + Math.round((money ? (r.monthlyUsd?.[bound] ?? 0) : r.gpus[bound]) * 100),
          0,
        ) / 100;
      return [
        {
          label: `${cloud} · ${kind}`,
          committed: commitmentOf(kind) === 'committed',
          desired: sum('desired'),
          max: sum('max'),
          rows: group.length,
          unpriced: money ? group.filter((r) => r.monthlyUsd === null).length : 0,
        },
      ];
    }),
  );
}

function panel(title: string, data: readonly Bar[], top: number, value: (bar: Bar) => string): string[] {
  const scale = Math.max(1, ...data.map((b) => b.max));
  const parts = [`<text x="10" y="${top + 20}" class="title">${escape(title)}</text>`];
  data.forEach((bar, i) => {
    const y = top + PANEL_HEADER + i * ROW_HEIGHT;
    const color = bar.committed ? COLORS.committed : COLORS.elastic;
    parts.push(
      `<text x="10" y="${y + 15}">${escape(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${fixed((bar.max / scale) * BAR_AREA)}" height="16" fill="none" stroke="${color}"/>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${fixed((bar.desired / scale) * BAR_AREA)}" height="16" fill="${color}"/>`,
      `<text x="${LABEL_WIDTH + BAR_AREA + 10}" y="${y + 15}">${escape(value(bar))}</text>`,
    );
  });
  if (data.length === 0) parts.push(`<text x="10" y="${top + PANEL_HEADER + 15}">no GPU pools</text>`);
  return parts;
}

const panelHeight = (data: readonly Bar[]) => PANEL_HEADER + Math.max(1, data.length) * ROW_HEIGHT + 10;

/** The chart of a ledger, as an SVG document. */
export function renderSvg(ledger: Ledger): string {
  const gpus = bars(ledger.rows, false);
  const money = bars(ledger.rows, true);
  const unpriced = ledger.rows.filter((r) => r.role === 'gpu' && r.price === null).length;
  const moneyTop = panelHeight(gpus);
  const legendTop = moneyTop + panelHeight(money);
  const height = legendTop + 50;
  const body = [
    ...panel(
      'GPUs per cloud and capacity kind (desired filled, max outlined)',
      gpus,
      0,
      (b) => `${b.desired} / ${b.max} GPUs`,
    ),
    ...panel(
      `Monthly list price, USD (desired filled, max outlined)${unpriced > 0 ? `: ${unpriced} GPU rows unpriced, lower bounds` : ''}`,
      money,
      moneyTop,
      (b) =>
        b.unpriced === b.rows
          ? `unknown (${b.unpriced} unpriced)`
          : `${formatUsd(b.desired)} / ${formatUsd(b.max)}${b.unpriced > 0 ? ` (${b.unpriced} of ${b.rows} unpriced)` : ''}`,
    ),
    `<rect x="10" y="${legendTop + 8}" width="14" height="14" fill="${COLORS.committed}"/>`,
    `<text x="30" y="${legendTop + 20}">committed (reservation, Capacity Block, capacity reservation group)</text>`,
    `<rect x="10" y="${legendTop + 28}" width="14" height="14" fill="${COLORS.elastic}"/>`,
    `<text x="30" y="${legendTop + 40}">elastic (on-demand, spot); ${ledger.hoursPerMonth} h a month; npm run ledger</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    '<style>.title { font-weight: bold; }</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body.map((line) => `  ${line}`),
    '</svg>',
    '',
  ].join('\n');
}
