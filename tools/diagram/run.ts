/**
 * `npm run diagram`: synthesizes every environment of the config (PLATFORM_CONFIG; all
 * environments, whatever PLATFORM_ENVS says, since every page is drawn) into a temporary
 * directory, reads the stacks it wrote, and writes each environment's architecture page, the
 * README's diagram and the index's list of pages; a page of an environment no longer in the
 * config is removed. `npm run diagram -- --check` writes nothing and exits 1 when any of them
 * differs from what it would write. Needs no credentials.
 */
import '../../stacks/skip-token-stack-traces';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { ConfigError, configFileFromEnvironment, loadPlatformConfig } from '../../config/load';
import { synthesizeInTemp } from '../../stacks/synthesize';
import { architectureModels } from './architecture';
import { ARCHITECTURE_DIR, ARCHITECTURE_INDEX, README, diagramFiles, readmeEnvironment, stalePages } from './pages';

const USAGE = 'usage: npm run diagram [-- --check]';

function generatedPagesOnDisk(): Map<string, string> {
  if (!existsSync(ARCHITECTURE_DIR)) return new Map();
  return new Map(
    readdirSync(ARCHITECTURE_DIR)
      .filter((f) => f.endsWith('.md'))
      .map((f) => `${ARCHITECTURE_DIR}/${f}`)
      .map((f) => [f, readFileSync(f, 'utf8')]),
  );
}

const current = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

const args = process.argv.slice(2);
const unknown = args.find((a) => a !== '--check');
if (unknown !== undefined) {
  process.stderr.write(`unknown argument ${unknown}; ${USAGE}\n`);
  process.exit(2);
}
const check = args.includes('--check');
try {
  const config = loadPlatformConfig(configFileFromEnvironment());
  const models = architectureModels(synthesizeInTemp(config).stacks);
  const files = diagramFiles(models, readmeEnvironment(config), {
    readme: readFileSync(README, 'utf8'),
    index: readFileSync(ARCHITECTURE_INDEX, 'utf8'),
  });
  const changed = [...files].filter(([file, text]) => current(file) !== text).map(([file]) => file);
  const removed = stalePages(generatedPagesOnDisk(), files);
  if (check) {
    const stale = [...changed, ...removed.map((f) => `${f} (environment no longer in the config)`)];
    process.stdout.write(
      stale.length === 0
        ? `diagram: ${files.size} files up to date\n`
        : `diagram: stale (run npm run diagram):\n${stale.map((f) => `  ${f}`).join('\n')}\n`,
    );
    process.exitCode = stale.length === 0 ? 0 : 1;
  } else {
    mkdirSync(ARCHITECTURE_DIR, { recursive: true });
    for (const file of changed) writeFileSync(file, files.get(file)!);
    for (const file of removed) rmSync(file);
    process.stdout.write(
      `diagram: ${changed.length} written, ${removed.length} removed, ${files.size - changed.length} unchanged\n`,
    );
  }
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e))}\n`);
  process.exitCode = 1;
}
