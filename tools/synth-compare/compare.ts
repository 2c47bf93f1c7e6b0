/**
 * Two synthesized outputs compared byte for byte: every file under each `cdktf.out`. A refactor
 * that must not move a Terraform address (a folder rename, an optimisation) proves it this way.
 * Pure apart from reading the two directories.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import * as path from 'path';

export interface OutputComparison {
  /** Files present in both and byte-identical. */
  readonly identical: number;
  /** Files present in both whose bytes differ, relative to the output directory. */
  readonly changed: readonly string[];
  /** Files only in the first output. */
  readonly onlyBefore: readonly string[];
  /** Files only in the second output. */
  readonly onlyAfter: readonly string[];
}

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`${dir} does not exist`);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const child = path.join(rel, name);
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

export function compareOutputs(before: string, after: string): OutputComparison {
  const a = filesUnder(before);
  const b = new Set(filesUnder(after));
  const changed: string[] = [];
  const onlyBefore: string[] = [];
  let identical = 0;
  for (const file of a) {
    if (!b.has(file)) onlyBefore.push(file);
    else if (readFileSync(path.join(before, file)).equals(readFileSync(path.join(after, file)))) identical++;
    else changed.push(file);
    b.delete(file);
  }
  return { identical, changed, onlyBefore, onlyAfter: [...b].sort() };
}

export const isIdentical = (c: OutputComparison) =>
  c.changed.length === 0 && c.onlyBefore.length === 0 && c.onlyAfter.length === 0;

/** The comparison in a few lines for a terminal. */
export function formatComparison(c: OutputComparison, labels: { before: string; after: string }): string {
  if (isIdentical(c)) return `byte-identical: ${c.identical} files, ${labels.before} and ${labels.after}`;
  const list = (title: string, files: readonly string[]) =>
    files.length === 0 ? [] : [`${title} (${files.length}):`, ...files.map((f) => `  ${f}`)];
  return [
    `NOT identical: ${labels.before} and ${labels.after} (${c.identical} files identical)`,
    ...list('changed', c.changed),
    ...list(`only in ${labels.before}`, c.onlyBefore),
    ...list(`only in ${labels.after}`, c.onlyAfter),
  ].join('\n');
}
