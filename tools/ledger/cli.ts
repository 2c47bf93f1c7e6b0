/** What `npm run ledger` is asked for, and what it prints. */
import type { Ledger } from '../../stacks/capacity-ledger';
import { renderMarkdown, renderTerminal } from './render';

export type LedgerFormat = 'terminal' | 'markdown' | 'json';

export interface LedgerOptions {
  readonly format: LedgerFormat;
  /** Where to write the SVG chart; undefined: no chart. */
  readonly svg?: string;
  /** A synth's output directory to read instead of synthesizing; undefined: synthesize. */
  readonly from?: string;
}

/** A command line the ledger does not take. */
export class UsageError extends Error {}

const USAGE = 'usage: npm run ledger -- [--markdown | --json] [--svg <file>] [--from <cdktf.out>]';

/** The options of the command line; throws with the usage on anything else. */
export function ledgerOptions(args: readonly string[]): LedgerOptions {
  let format: LedgerFormat = 'terminal';
  let svg: string | undefined;
  let from: string | undefined;
  const valueOf = (i: number) => {
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${args[i]} needs a value\n${USAGE}`);
    return value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json' || arg === '--markdown') {
      if (format !== 'terminal') throw new UsageError(`give one of --json and --markdown\n${USAGE}`);
      format = arg === '--json' ? 'json' : 'markdown';
    } else if (arg === '--svg') svg = valueOf(i++);
    else if (arg === '--from') from = valueOf(i++);
    else throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  return { format, svg, from };
}

/** The ledger in the format asked for. */
export function ledgerOutput(ledger: Ledger, format: LedgerFormat): string {
  if (format === 'json') return `${JSON.stringify({ schemaVersion: 1, ...ledger }, null, 2)}\n`;
  return format === 'markdown' ? renderMarkdown(ledger) : renderTerminal(ledger);
}
