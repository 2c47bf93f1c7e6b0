/**
 * `npm run parity`: synthesizes the config (PLATFORM_CONFIG, PLATFORM_ENVS) into a temporary
 * directory, prints the cross-cloud parity table, and exits 1 when a pair that should match does
 * not. Needs no credentials.
 */
import '../stacks/skip-token-stack-traces';
import { ConfigError, loadFromEnvironment } from '../config/load';
import { formatParityTable, parityRows } from '../stacks/parity-report';
import { synthesizeInTemp } from '../stacks/synthesize';

try {
  const config = loadFromEnvironment();
  const { environments, stacks } = synthesizeInTemp(config);
  const rows = parityRows(config, environments, stacks);
  process.stdout.write(`${formatParityTable(rows)}\n`);
  const mismatches = rows.filter((r) => !r.matches).length;
  process.stdout.write(
    mismatches === 0
      ? `parity: all ${rows.length} comparisons match\n`
      : `parity: ${mismatches} of ${rows.length} comparisons differ\n`,
  );
  process.exitCode = mismatches === 0 ? 0 : 1;
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e))}\n`);
  process.exitCode = 1;
}
