/**
 * Prints the plan workflow's matrix, `wave-<i>=[stacks]` a line, from `cdktf.out/manifest.json`
 * (or the manifest named as the first argument): `npx tsx tools/ci/plan-matrix.ts >> "$GITHUB_OUTPUT"`.
 */
import { readFileSync } from 'fs';
import { stackWaves, waveOutputs, type StackManifest } from './stack-waves';

const file = process.argv[2] ?? 'cdktf.out/manifest.json';
try {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as StackManifest;
  process.stdout.write(`${waveOutputs(stackWaves(manifest))}\n`);
} catch (e) {
  process.stderr.write(`plan matrix from ${file}: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
