import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import type { StackJson } from '../constructs/shared/stack-json';

/** Every stack a synth wrote to `outdir`, by name, as the raw JSON text. */
export function readSynthesizedTexts(outdir: string): Map<string, string> {
  const stacksDir = path.join(outdir, 'stacks');
  return new Map(
    readdirSync(stacksDir)
      .sort()
      .map((name) => [name, readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')]),
  );
}

/** Every stack a synth wrote to `outdir`, by name, parsed. */
export function readSynthesizedStacks(texts: ReadonlyMap<string, string>): Map<string, StackJson> {
  return new Map([...texts].map(([name, text]) => [name, JSON.parse(text) as StackJson]));
}
