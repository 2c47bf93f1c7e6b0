import { readFileSync } from 'fs';
import * as path from 'path';
import { type LedgerRow, type LedgerTotal } from '../../../constructs/cloud-neutral/ledger';
import { ledgerOptions, ledgerOutput, UsageError } from '../../../tools/ledger/cli';
import { renderSvg } from '../../../tools/ledger/svg';
import { formatShare, UNKNOWN } from '../../../tools/ledger/tables';
import { sharedLedger } from '../../helpers/ledger-fixture';

type Tables = Record<string, string[][]>;

/** The tables of the terminal output, by title: header and rows, split on the column gaps. */
function terminalTables(text: string): Tables {
  const tables: Tables = {};
  for (const section of text.trimEnd().split('\n\n')) {
    const [title, header, rule, ...rows] = section.split('\n');
    if (!rule?.startsWith('---')) continue;
    // Columns start where the rule's dashes do; cells are the text between starts.
    const starts = [...rule.matchAll(/-+/g)].map((m) => m.index!);
    const cells = (line: string) => starts.map((s, i) => line.slice(s, starts[i + 1]).trim());
    tables[title] = [cells(header), ...rows.map(cells)];
  }
  return tables;
}

/** The tables of the Markdown output, by heading. */
function markdownTables(text: string): Tables {
  const tables: Tables = {};
  for (const section of text.split('### ').slice(1)) {
    const [title, , ...lines] = section.trimEnd().split('\n');
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    if (rows.length > 0) tables[title] = rows.map((l) => l.slice(2, -2).split(' | '));
  }
  return tables;
}

type Bounds = { min: number; desired: number; max: number };

/** A number as the tables write it (`143,547.20`), read back. */
const numberOf = (cell: string) => Number(cell.replace(/,/g, ''));
/** `min/desired/max`, read back. */
function boundsOf(cell: string): Bounds {
  const [min, desired, max] = cell.split('/').map(numberOf);
  return { min, desired, max };
}
/** Money, read back: null where the table says unknown. */
const moneyOf = (cell: string): Bounds | null => (cell === UNKNOWN ? null : boundsOf(cell));
/** To the cent, as the ledger keeps money. */
const cents = (b: Bounds | null) =>
  b && { min: Math.round(b.min * 100), desired: Math.round(b.desired * 100), max: Math.round(b.max * 100) };

/** A table's rows as objects keyed by its header. */
const byHeader = (table: string[][]) =>
  table.slice(1).map((cells) => Object.fromEntries(table[0].map((h, i) => [h, cells[i]])) as Record<string, string>);

/** What a row's cells say, read back into the JSON's terms. */
function rowFromCells(c: Record<string, string>) {
  return {
    environment: c.environment,
    cloud: c.cloud,
    region: c.region,
    pool: c.pool,
    role: c.role,
    gpuModel: c['GPU model'] === '-' ? undefined : c['GPU model'],
    sku: c.SKU,
    gpusPerNode: numberOf(c['GPUs/node']),
    nodes: boundsOf(c['nodes min/desired/max']),
    gpus: boundsOf(c['GPUs min/desired/max']),
    capacity: c.capacity,
    commitment: c.commitment,
    usdPerNodeHour: c['USD/node-hour'] === UNKNOWN ? null : numberOf(c['USD/node-hour']),
    hourlyCents: cents(moneyOf(c['USD/hour min/desired/max'])),
    monthlyCents: cents(moneyOf(c['USD/month min/desired/max'])),
  };
}

/** The same facts, from the JSON. */
function rowFromJson(r: LedgerRow) {
  return {
    environment: r.environment,
    cloud: r.cloud,
    region: r.region,
    pool: r.pool,
    role: r.role,
    gpuModel: r.gpuModel,
    sku: r.sku,
    gpusPerNode: r.gpusPerNode,
    nodes: r.nodes,
    gpus: r.gpus,
    capacity: r.capacity,
    commitment: r.commitment,
    usdPerNodeHour: r.price?.usdPerNodeHour ?? null,
    hourlyCents: cents(r.hourlyUsd),
    monthlyCents: cents(r.monthlyUsd),
  };
}

function totalFromCells(c: Record<string, string>) {
  return {
    environment: c.environment,
    cloud: c.cloud,
    role: c.pools,
    rows: numberOf(c.rows),
    nodes: boundsOf(c['nodes min/desired/max']),
    gpus: boundsOf(c['GPUs min/desired/max']),
    hourlyCents: cents(moneyOf(c['USD/hour min/desired/max'])),
    monthlyCents: cents(moneyOf(c['USD/month min/desired/max'])),
    committedGpus: numberOf(c['committed GPUs (max)']),
    committedCents:
      c['committed USD/month (max)'] === UNKNOWN ? null : Math.round(numberOf(c['committed USD/month (max)']) * 100),
    note: c.note === '-' ? '' : c.note,
  };
}

function totalFromJson(t: LedgerTotal) {
  return {
    environment: t.environment ?? 'all',
    cloud: t.cloud ?? 'both',
    role: t.role,
    rows: t.rows,
    nodes: t.nodes,
    gpus: t.gpus,
    hourlyCents: cents(t.hourlyUsd),
    monthlyCents: cents(t.monthlyUsd),
    committedGpus: t.committed.gpus,
    committedCents: t.committed.monthlyUsd === null ? null : Math.round(t.committed.monthlyUsd * 100),
    note: t.note,
  };
}

describe.each(['shipped', 'fork'] as const)('the %s ledger: JSON, Markdown and the terminal table agree', (name) => {
  const ledger = sharedLedger(name);
  const json = JSON.parse(ledgerOutput(ledger, 'json'));
  const terminal = terminalTables(ledgerOutput(ledger, 'terminal'));
  const markdown = markdownTables(ledgerOutput(ledger, 'markdown'));

  test('the terminal table and the Markdown hold the same cells', () => {
    expect(Object.keys(terminal)).toEqual([
      'GPU pools',
      'System pools (priced apart)',
      'Totals',
      'Committed shares per cloud',
    ]);
    expect(markdown).toEqual(terminal);
  });

  test('their cells say what the JSON says, row for row', () => {
    expect(json.schemaVersion).toBe(1);
    expect(json.hoursPerMonth).toBe(730);
    const rows = json.rows as LedgerRow[];
    expect(byHeader(terminal['GPU pools']).map(rowFromCells)).toEqual(
      rows.filter((r) => r.role === 'gpu').map(rowFromJson),
    );
    expect(byHeader(terminal['System pools (priced apart)']).map(rowFromCells)).toEqual(
      rows.filter((r) => r.role === 'system').map(rowFromJson),
    );
    expect(byHeader(terminal['Totals']).map(totalFromCells)).toEqual((json.totals as LedgerTotal[]).map(totalFromJson));
    expect(terminal['Committed shares per cloud'].slice(1).map((c) => [c[0], c[1], c[2], c[3]])).toEqual(
      json.shares.map((s: { environment?: string; cloud: string; gpus: number; gpuShare: number | null }) => [
        s.environment ?? 'all',
        s.cloud,
        String(s.gpus),
        formatShare(s.gpuShare),
      ]),
    );
  });

  test('an unpriced row reads unknown everywhere and null in the JSON, never zero', () => {
    const unpriced = (json.rows as LedgerRow[]).filter((r) => r.price === null);
    expect(unpriced.length).toBeGreaterThan(0);
    for (const r of unpriced)
      expect([r.hourlyUsd, r.monthlyUsd, typeof r.unpricedReason]).toEqual([null, null, 'string']);
    const cells = [...terminal['GPU pools'], ...terminal['System pools (priced apart)']].filter(
      (c) => c[12] === UNKNOWN,
    );
    expect(cells).toHaveLength(unpriced.length);
  });
});

describe('the SVG chart', () => {
  test('is the same bytes for the same ledger, names every cloud and capacity kind with GPU pools, and never prices the unpriced', () => {
    const ledger = sharedLedger('fork');
    const svg = renderSvg(ledger);
    expect(renderSvg(sharedLedger('fork'))).toBe(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const label of [
      'aws · on-demand',
      'aws · spot',
      'aws · on-demand-capacity-reservation',
      'aws · capacity-block',
      'azure · on-demand',
      'azure · spot',
      'azure · azure-capacity-reservation-group',
    ])
      expect(svg).toContain(`>${label}</text>`);
    // The Capacity Block and AWS spot have no price: their cost reads unknown, never 0.00.
    expect(svg.match(/>unknown \(1 unpriced\)<\/text>/g)).toHaveLength(2);
  });

  test("docs/ledger.svg is the shipped config's chart (regenerate: npm run ledger -- --svg docs/ledger.svg)", () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'ledger.svg'), 'utf8');
    expect(committed).toBe(renderSvg(sharedLedger('shipped')));
    expect(readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'ledger.md'), 'utf8')).toContain('![');
  });
});

describe('npm run ledger options', () => {
  test('one format, a chart file, a synth to read; anything else is refused with the usage', () => {
    expect(ledgerOptions([])).toEqual({ format: 'terminal' });
    expect(ledgerOptions(['--json', '--svg', 'c.svg', '--from', 'cdktf.out'])).toEqual({
      format: 'json',
      svg: 'c.svg',
      from: 'cdktf.out',
    });
    expect(() => ledgerOptions(['--json', '--markdown'])).toThrow('give one of --json and --markdown');
    expect(() => ledgerOptions(['--svg'])).toThrow('--svg needs a value');
    expect(() => ledgerOptions(['--csv'])).toThrow(UsageError);
    expect(() => ledgerOptions(['--csv'])).toThrow(/unknown argument --csv\nusage: npm run ledger/);
  });
});
