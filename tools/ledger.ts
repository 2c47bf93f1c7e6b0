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
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { checkDay } from '../config/dated-checks';
import { ConfigError, loadFromEnvironment } from '../config/load';
import { PRICE_TABLE } from '../constructs/cloud-neutral/prices';
import { buildLedger, plannedPools } from '../stacks/capacity-ledger';
import { buildPlatform } from '../stacks/platform';
import { readSynthesizedStacks, readSynthesizedTexts } from '../stacks/synthesized-stacks';
import { ledgerOptions, ledgerOutput, UsageError, type LedgerOptions } from './ledger/cli';
import { renderSvg } from './ledger/svg';

/** Writes the ledger as asked; returns the exit code. */
function run(options: LedgerOptions, outdir: string): number {
  const today = checkDay();
  const config = loadFromEnvironment(process.env, today);
  if (!options.from) {
    const app = new App({ outdir });
    buildPlatform(app, config, today);
    app.synth();
  }
  const { pools, problems } = plannedPools(config, readSynthesizedStacks(readSynthesizedTexts(outdir)), today);
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

let options: LedgerOptions | undefined;
let outdir: string | undefined;
try {
  options = ledgerOptions(process.argv.slice(2));
  outdir = options.from ?? mkdtempSync(path.join(tmpdir(), 'gpu-platform-ledger-'));
  process.exitCode = run(options, outdir);
} catch (e) {
  const known = e instanceof ConfigError || e instanceof UsageError;
  process.stderr.write(`${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
  process.exitCode = 1;
} finally {
  // Only a directory this run made is removed: never the synth it was asked to read.
  if (outdir && !options?.from) rmSync(outdir, { recursive: true, force: true });
}
