/**
 * The shipped config passes the policy gate: zero errors, and every warning suppressed with a
 * documented reason. Reads the results the gate wrote beside each stack of the shared synth.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { POLICY_RESULTS_FILE, type PolicyResultsFile } from '../../constructs/checks/policy/gate';
import { sharedSynthDir } from '../helpers/shared-synth';

function shippedResults(): PolicyResultsFile[] {
  const stacks = path.join(sharedSynthDir('shipped'), 'stacks');
  return readdirSync(stacks).map(
    (name) => JSON.parse(readFileSync(path.join(stacks, name, POLICY_RESULTS_FILE), 'utf8')) as PolicyResultsFile,
  );
}

describe('the shipped config and the policy gate', () => {
  const results = shippedResults();
  const all = results.flatMap((r) => r.evaluation.results);

  test('every stack was gated', () => {
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.evaluation.rulesRun >= 40)).toBe(true);
  });

  test('no unsuppressed error or warning, and no broken suppression', () => {
    expect(all.filter((r) => r.status !== 'suppressed')).toEqual([]);
    expect(results.flatMap((r) => r.evaluation.suppressionProblems)).toEqual([]);
  });

  test('every suppression carries its reason', () => {
    for (const r of all) expect(r.suppression!.reason.length).toBeGreaterThanOrEqual(10);
  });
});
