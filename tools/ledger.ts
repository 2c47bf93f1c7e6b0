/**
 * `npm run ledger`: the capacity and cost ledger of the config (PLATFORM_CONFIG, PLATFORM_ENVS).
 * It synthesizes the config into a temporary directory (or reads a synth's output with
 * `--from <dir>`), reads every node group and node pool the stacks will deploy, checks them
 * against the config, and prices them from the repo's price table (docs/ledger.md).
 *
 *   npm run ledger                      terminal table
 *   npm run ledger -- --markdown        Markdown
 *   npm run ledger -- --json            JSON (schema: docs/ledger.md)
 *   npm run ledger -- --svg <file>      also write the chart of GPUs and cost per cloud and capacity kind
 *
 * Exits 1 when the synthesized pools differ from the config. Needs no credentials.
 */
import '../stacks/skip-token-stack-traces';
import { writeFileSync } from 'fs';
import { checkDay } from '../config/dated-checks';
import { ConfigError, loadFromEnvironment } from '../config/load';
import { PRICE_TABLE } from '../constructs/cloud-neutral/prices';
import { buildLedger, plannedPools } from '../stacks/capacity-ledger';
import { synthesizeInTemp } from '../stacks/synthesize';
import { readSynthesizedStacks, readSynthesizedTexts } from '../stacks/synthesized-stacks';
import { ledgerOptions, ledgerOutput, UsageError, type LedgerOptions } from './ledger/cli';
import { renderSvg } from './ledger/svg';

/** Writes the ledger as asked; returns the exit code. */
function run(options: LedgerOptions): number {
  const today = checkDay();
  const config = loadFromEnvironment(process.env, today);
  const stacks = options.from
    ? readSynthesizedStacks(readSynthesizedTexts(options.from))
    : synthesizeInTemp(config, today).stacks;
  const { pools, problems } = plannedPools(config, stacks, today);
  if (problems.length > 0) {
    process.stderr.write(
      `ledger: the synthesized pools differ from the config:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  const ledger = buildLedger(pools, PRICE_TABLE);
  process.stdout.write(ledgerOutput(ledger, options.format));
  if (options.svg) writeFileSync(options.svg, renderSvg(ledger));
  return 0;
}

try {
  process.exitCode = run(ledgerOptions(process.argv.slice(2)));
} catch (e) {
  const known = e instanceof ConfigError || e instanceof UsageError;
  process.stderr.write(`${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
  process.exitCode = 1;
}
