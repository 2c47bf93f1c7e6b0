/**
 * Prints the stack names the config should synthesize, one a line, for CI to compare with what
 * `cdktf synth` wrote. Reads the same `PLATFORM_CONFIG` / `PLATFORM_ENVS` as the app.
 */
import { loadFromEnvironment } from '../config/load';
import { expectedStackNames } from '../stacks/platform';

process.stdout.write(`${expectedStackNames(loadFromEnvironment()).join('\n')}\n`);
