/** The ledger rendered: an aligned terminal table, or Markdown; both from the same tables. */
import type { Ledger } from '../../stacks/capacity-ledger';
import { ledgerNotes, ledgerTables, type Table } from './tables';

function terminalTable(table: Table): string {
  const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [table.title, line(table.header), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)].join('\n');
}

/** The ledger as aligned text tables, then its notes. */
export function renderTerminal(ledger: Ledger): string {
  return [...ledgerTables(ledger).map(terminalTable), ledgerNotes(ledger).join('\n')].join('\n\n') + '\n';
}

/** A cell Markdown shows as written: pipes escaped. */
const markdownCell = (cell: string) => cell.replace(/\|/g, '\\|');

function markdownTable(table: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [
    `### ${table.title}`,
    '',
    line(table.header),
    line(table.header.map(() => '---')),
    ...table.rows.map(line),
  ].join('\n');
}

/** The ledger as Markdown: a section per table, then the notes as a list. */
export function renderMarkdown(ledger: Ledger): string {
  const notes = ledgerNotes(ledger).map((n) => (n.startsWith('  ') ? `  - ${n.trim()}` : `- ${n}`));
  return [...ledgerTables(ledger).map(markdownTable), ['### Notes', '', ...notes].join('\n')].join('\n\n') + '\n';
}
