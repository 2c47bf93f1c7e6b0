/**
 * The cdktf app: reads the platform config and builds every stack. Configuration is chosen by
 * `PLATFORM_CONFIG` (file) and `PLATFORM_ENVS` (environments); see README "Configuration".
 */
import { rmSync } from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { ConfigError, loadFromEnvironment } from './config/load';
import { buildPlatform } from './stacks/platform';
import { skipTokenCreationStackTraces } from './stacks/synth-performance';

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
skipTokenCreationStackTraces();

try {
  const config = loadFromEnvironment();
  // Stacks dropped from the config must not linger in the output, where `cdktf deploy` would find them.
  rmSync(path.join(outdir, 'stacks'), { recursive: true, force: true });
  const app = new App({ outdir });
  buildPlatform(app, config);
  app.synth();
} catch (e) {
  // A failed synth must leave nothing deployable behind: no partial output, no earlier run's.
  rmSync(outdir, { recursive: true, force: true });
  process.stderr.write(`${e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e))}\n`);
  process.exit(1);
}
