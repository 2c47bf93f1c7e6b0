import { providersUnreachable, validationSummary } from '../../tools/validate-outcome';

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

  test('skips exit 0 with a message that says why; failures exit 1 and name the stacks', () => {
    expect(validationSummary([{ stack: 'a', result: 'valid' }])).toEqual({
      message: 'validate: all 1 stacks valid',
      exitCode: 0,
    });
    const skipped = validationSummary([
      { stack: 'a', result: 'valid' },
      { stack: 'b', result: 'skipped', detail: 'providers could not be installed' },
    ]);
    expect(skipped.exitCode).toBe(0);
    expect(skipped.message).toMatch(/^validate: skipped 1 of 2 stacks: terraform could not install their providers/);
    expect(
      validationSummary([
        { stack: 'a', result: 'invalid', detail: 'x' },
        { stack: 'b', result: 'skipped', detail: 'y' },
      ]),
    ).toEqual({ message: 'validate: 1 of 2 stacks failed: a', exitCode: 1 });
  });
});
