/**
 * `npm run model -- sign|verify ...` (through tsx), and the entry of the one-file bundle a serving
 * image runs with plain node (`npm run model:bundle` writes dist/model-release/cli.js).
 */
import { runCommand } from './commands';

void runCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
