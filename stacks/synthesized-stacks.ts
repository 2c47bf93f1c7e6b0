import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import type { StackJson } from '../constructs/shared/stack-json';

function stackNames(outdir: string): string[] {
  return readdirSync(path.join(outdir, 'stacks')).sort();
}

function stackText(outdir: string, name: string): string {
  return readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
}

/** Every stack a synth wrote to `outdir`, by name, as the raw JSON text. */
export function readSynthesizedTexts(outdir: string): Map<string, string> {
  return new Map(stackNames(outdir).map((name) => [name, stackText(outdir, name)]));
}

/** Every stack a synth wrote to `outdir`, by name, parsed. */
export function readSynthesizedStacks(texts: ReadonlyMap<string, string>): Map<string, StackJson> {
  return new Map([...texts].map(([name, text]) => [name, JSON.parse(text) as StackJson]));
}

/** The stacks a synth wrote, read and parsed one at a time, so a check never holds them all. */
export function* eachSynthesizedStack(outdir: string): Generator<[string, StackJson]> {
  for (const name of stackNames(outdir)) yield [name, JSON.parse(stackText(outdir, name)) as StackJson];
}
