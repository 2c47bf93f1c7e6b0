import { providersUnreachable, summarize } from '../../../tools/validate/outcome';
import type { StackValidation } from '../../../tools/validate/validate-stacks';

const result = (stack: string, over: Partial<StackValidation>): StackValidation => ({
  stack,
  result: 'valid',
  scope: 'AWS part',
  unknownToSchema: [],
  notValidated: [],
  errors: [],
  warnings: [],
  ...over,
});

describe('npm run validate outcome', () => {
  test('a registry out of reach is a skip; any other init failure is not', () => {
    expect(
      providersUnreachable(
        'Error: Failed to query available provider packages\nCould not retrieve the list of available versions for provider hashicorp/aws: could not connect to registry.terraform.io',
      ),
    ).toBe(true);
    expect(providersUnreachable('Error: Unsupported argument\nAn argument named "foo" is not expected here.')).toBe(
      false,
    );
  });

  test('a run that validated nothing fails, unless skips are explicitly allowed', () => {
    const run = { mode: 'none: no terraform', results: [result('a', { result: 'skipped', scope: 'no terraform' })] };
    expect(summarize(run).exitCode).toBe(1);
    expect(summarize(run).report).toContain(
      'validate: FAILED: nothing validated (0 valid, 0 invalid, 1 skipped of 1 stacks)',
    );
    expect(summarize(run, true)).toEqual({
      exitCode: 0,
      report: expect.stringContaining(
        'nothing validated (0 valid, 0 invalid, 1 skipped of 1 stacks), tolerated by --allow-skip',
      ),
    });
  });

  test('an invalid stack fails the run whatever else passed, and its errors are printed under it', () => {
    const { report, exitCode } = summarize(
      {
        mode: 'mirror',
        canary: [],
        results: [
          result('a', {}),
          result('b', { result: 'invalid', errors: ['Reference to undeclared resource at x'] }),
        ],
      },
      true,
    );
    expect(exitCode).toBe(1);
    expect(report.split('\n')).toEqual([
      'validate: mirror',
      'a: valid: AWS part',
      'b: invalid: AWS part',
      '  errors:',
      '    - Reference to undeclared resource at x',
      'validate: FAILED: 1 valid, 1 invalid, 0 skipped of 2 stacks; invalid: b',
    ]);
  });

  test('what was not validated is listed per stack, and counted in the summary', () => {
    const { report, exitCode } = summarize({
      mode: 'mirror',
      canary: [],
      results: [
        result('dist', { unknownToSchema: ['aws_eks_cluster.c.deletion_protection'] }),
        result('host', { result: 'skipped', scope: 'no AWS part' }),
      ],
    });
    expect(exitCode).toBe(0);
    expect(report).toContain(
      '  not known to the provider version used, so not validated:\n    - aws_eks_cluster.c.deletion_protection',
    );
    expect(report).toContain('host: skipped: no AWS part');
    expect(report).toMatch(
      /validate: ok: 1 valid, 0 invalid, 1 skipped of 2 stacks; the canary stack was faulted as it must be; 1 validated in part/,
    );
  });

  test('a wrong or missing canary fails the run, valid stacks or not: their verdicts prove nothing', () => {
    const stacks = [result('dist', {})];
    const wrong = summarize({
      mode: 'mirror',
      canary: ['a reference to an undeclared resource came out valid'],
      results: stacks,
    });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.report).toContain('validate: FAILED: this run did not fault the canary stack as it must');
    expect(wrong.report).toContain('  - a reference to an undeclared resource came out valid');
    const missing = summarize({ mode: 'mirror', results: stacks }, true);
    expect(missing.exitCode).toBe(1);
    expect(missing.report).toContain('  - the canary stack was not validated');
  });
});
