import { readFileSync } from 'fs';
import * as path from 'path';
import { formatUsd, type LedgerRow, type LedgerTotal } from '../../../constructs/cloud-neutral/ledger';
import { ledgerOptions, ledgerOutput, UsageError } from '../../../tools/ledger/cli';
import { renderSvg } from '../../../tools/ledger/svg';
import { formatBounds, formatShare, UNKNOWN } from '../../../tools/ledger/tables';
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

const dollars = (v: { min: number; desired: number; max: number } | null) => (v ? formatBounds(v, formatUsd) : UNKNOWN);

/** What a row's cells must say, read from the JSON. */
function rowCells(r: LedgerRow): string[] {
  return [
    r.environment,
    r.cloud,
    r.region,
    r.pool,
    r.role,
    r.gpuModel ?? '-',
    r.sku,
    String(r.gpusPerNode),
    formatBounds(r.nodes),
    formatBounds(r.gpus),
    r.capacity,
    r.commitment,
    r.price === null ? UNKNOWN : String(r.price.usdPerNodeHour),
    dollars(r.hourlyUsd),
    dollars(r.monthlyUsd),
  ];
}

function totalCells(t: LedgerTotal): string[] {
  return [
    t.environment ?? 'all',
    t.cloud ?? 'both',
    t.role,
    String(t.rows),
    formatBounds(t.nodes),
    formatBounds(t.gpus),
    dollars(t.hourlyUsd),
    dollars(t.monthlyUsd),
    String(t.committed.gpus),
    t.committed.monthlyUsd === null ? UNKNOWN : formatUsd(t.committed.monthlyUsd),
    t.note || '-',
  ];
}

describe.each(['shipped', 'ledger-fork'] as const)(
  'the %s ledger: JSON, Markdown and the terminal table agree',
  (name) => {
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
      expect(terminal['GPU pools'].slice(1)).toEqual(rows.filter((r) => r.role === 'gpu').map(rowCells));
      expect(terminal['System pools (priced apart)'].slice(1)).toEqual(
        rows.filter((r) => r.role === 'system').map(rowCells),
      );
      expect(terminal['Totals'].slice(1)).toEqual((json.totals as LedgerTotal[]).map(totalCells));
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
  },
);

describe('the SVG chart', () => {
  test('is the same bytes for the same ledger, names every cloud and capacity kind with GPU pools, and never prices the unpriced', () => {
    const ledger = sharedLedger('ledger-fork');
    const svg = renderSvg(ledger);
    expect(renderSvg(sharedLedger('ledger-fork'))).toBe(svg);
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
