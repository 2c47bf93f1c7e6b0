import { formatReport } from '../../../tools/cdktn/report';
import type { StackDiff, SynthDiff } from '../../../tools/cdktn/stack-diff';

const labels = { before: 'cdktf', after: 'cdktn' };

function stackDiff(stack: string, changes: Partial<StackDiff> = {}): StackDiff {
  return {
    stack,
    addresses: 40,
    added: [],
    removed: [],
    changed: [],
    pins: [
      {
        provider: 'aws',
        before: { source: 'aws', version: '6.25.0' },
        after: { source: 'hashicorp/aws', version: '6.66.0' },
      },
    ],
    libraryVersion: { before: '0.21.0', after: '0.24.0' },
    ...changes,
  };
}

describe('formatReport', () => {
  test('a clean move: one line per stack, each pin change once with its stack count, PASS', () => {
    const diff: SynthDiff = {
      stacks: [stackDiff('dev-link'), stackDiff('prod-aws-account', { pins: [] })],
      addedStacks: [],
      removedStacks: [],
    };

    const report = formatReport(diff, labels);

    expect(report.split('\n')).toEqual([
      'Stacks compared: 2, cdktf against cdktn (library version in the output: 0.21.0 -> 0.24.0)',
      '  dev-link          40 addresses    same; new pins: aws',
      '  prod-aws-account  40 addresses    same',
      'Provider pins changed (run `terraform init -upgrade` in each stack before its next plan):',
      '  aws: aws 6.25.0 -> hashicorp/aws 6.66.0 (1 stack)',
      'Result: PASS: the same stacks, addresses and attributes',
      '',
    ]);
  });

  test('a move that changes the plan lists what changed, at most 20 lines a stack, and FAILs', () => {
    const changed = Array.from({ length: 25 }, (_, i) => ({
      address: 'aws_vpc.network',
      path: `tags.t${i}`,
      before: '"a"',
    }));
    const diff: SynthDiff = {
      stacks: [stackDiff('dev-link', { added: ['aws_vpc.fresh'], removed: ['aws_vpc.old'], changed })],
      addedStacks: ['dev-new'],
      removedStacks: ['dev-gone'],
    };

    const report = formatReport(diff, labels);

    expect(report).toContain('  dev-link  40 addresses    1 added, 1 removed, 25 attributes changed; new pins: aws\n');
    expect(report).toContain('      + aws_vpc.fresh\n      - aws_vpc.old\n');
    expect(report).toContain('      ~ aws_vpc.network tags.t0: "a" -> (absent)\n');
    expect(report).toContain('      ... 7 more\n');
    expect(report).toContain('  dev-gone: written by cdktf only\n  dev-new: written by cdktn only\n');
    expect(report).toMatch(/Result: FAIL: the move changes stacks, addresses or attributes \(above\)\n$/);
  });
});
