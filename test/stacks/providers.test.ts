import { PROVIDER_RULES } from '../../constructs/checks/provider-rules';
import { sharedOutput } from '../helpers/shared-synth';

interface RequiredProvider {
  readonly source: string;
  readonly version: string;
}

describe('provider pins (frozen fixture config)', () => {
  const { stacks } = sharedOutput('frozen');
  const required = [...stacks].flatMap(([name, stack]) =>
    Object.entries(
      (stack.terraform as unknown as { required_providers?: Record<string, RequiredProvider> } | undefined)
        ?.required_providers ?? {},
    ).map(([provider, pin]) => ({ stack: name, provider, ...pin })),
  );

  test('every provider of every stack is pinned to one exact version, the same in every stack', () => {
    expect(required.map((r) => r.provider).sort()).toEqual(expect.arrayContaining(['aws', 'azapi', 'azurerm', 'time']));
    for (const pin of required) expect(pin).toEqual({ ...pin, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const versions = new Map<string, Set<string>>();
    for (const { provider, version } of required)
      versions.set(provider, (versions.get(provider) ?? new Set()).add(version));
    for (const [provider, seen] of versions)
      expect({ provider, versions: [...seen] }).toEqual({ provider, versions: [...seen].slice(0, 1) });
  });

  test('azapi, azurerm and time are pinned to the versions whose source the provider rules were read from', () => {
    const cited = new Map(
      PROVIDER_RULES.map((r) => /^(azurerm|azapi|time) v(\d+\.\d+\.\d+) /.exec(r.source)!).map((m) => [m[1], m[2]]),
    );
    for (const provider of ['azapi', 'azurerm', 'time']) {
      const pins = required.filter((r) => r.provider === provider);
      expect(pins.length).toBeGreaterThan(0);
      for (const pin of pins)
        expect({ provider, version: pin.version }).toEqual({ provider, version: cited.get(provider) });
    }
    expect(required.find((r) => r.provider === 'azapi')!.source).toBe('azure/azapi');
  });
});
