/**
 * `npm run synth:compare -- [<git ref>]`: synthesizes the shipped config at a commit (default
 * `HEAD`) and in this working tree, and fails unless the two outputs are byte-identical. Run it
 * before landing a refactor that must keep every Terraform address and attribute: a folder rename,
 * a performance change. The commit is checked out in a temporary git worktree that shares this
 * tree's node_modules; both synths run the app the way `cdktf synth` does (`node tools/app.js`).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { compareOutputs, formatComparison, isIdentical } from './synth-compare/compare';

const ROOT = path.resolve(__dirname, '..');

function run(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const child = spawnSync(argv[0], argv.slice(1), { cwd, env, encoding: 'utf8' });
  if (child.status !== 0) {
    throw new Error(`\`${argv.join(' ')}\` in ${cwd} failed (${child.status ?? child.signal}):\n${child.stderr}`);
  }
}

/** Synthesizes the tree at `cwd` into `outdir`, as cdktf runs the app. */
function synth(cwd: string, outdir: string): void {
  const env = Object.fromEntries(Object.entries(process.env).filter(([n]) => !n.startsWith('npm_')));
  run([process.execPath, 'tools/app.js'], cwd, { ...env, CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir });
}

function main(): number {
  const ref = process.argv[2] ?? 'HEAD';
  const tmp = mkdtempSync(path.join(tmpdir(), 'synth-compare-'));
  const tree = path.join(tmp, 'tree');
  try {
    run(['git', 'worktree', 'add', '--detach', tree, ref], ROOT);
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
    synth(tree, path.join(tmp, 'before'));
    synth(ROOT, path.join(tmp, 'after'));
    const comparison = compareOutputs(path.join(tmp, 'before'), path.join(tmp, 'after'));
    process.stdout.write(`${formatComparison(comparison, { before: ref, after: 'the working tree' })}\n`);
    return isIdentical(comparison) ? 0 : 1;
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT });
    rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`synth:compare: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
