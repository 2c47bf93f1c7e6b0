import { PROVIDER_RULES, valuesAt, type ProviderRule } from '../../../constructs/checks/provider-rules';
import { resourcesOfType, type Attributes, type StackJson } from '../../../constructs/shared/stack-json';
import { sharedOutput } from '../../helpers/shared-synth';

/** Every stack of the shared synths: the frozen fixture, GB200 and the capacity paths. */
const stacks: [string, StackJson][] = (['frozen', 'gb200', 'capacity-paths'] as const).flatMap((name) => [
  ...sharedOutput(name).stacks,
]);

/** The fixture resources of a type, with their stacks, the ones that set `path` first. */
function fixtures(rule: ProviderRule): { attributes: Attributes; stack: StackJson }[] {
  const all = stacks.flatMap(([, stack]) =>
    resourcesOfType(stack, rule.type).map((r) => ({ attributes: r.attributes, stack })),
  );
  const path = rule.enumeration?.path;
  return path
    ? [...all].sort((a, b) => valuesAt(b.attributes, path).length - valuesAt(a.attributes, path).length)
    : all;
}

/** A value the enum does not take: an allowed one with its case changed, or altered when it has no case. */
function miscased(allowed: readonly string[]): string {
  const value = allowed[0];
  const candidates = [
    value[0] === value[0].toUpperCase()
      ? value[0].toLowerCase() + value.slice(1)
      : value[0].toUpperCase() + value.slice(1),
    value.toUpperCase(),
    `${value}x`,
  ];
  return candidates.find((c) => !allowed.includes(c))!;
}

/** Sets every value at a dotted path of a copy (the first block of each level). */
function setEvery(attributes: Attributes, path: string, value: string): void {
  const keys = path.split('.');
  let target: Attributes = attributes;
  for (const key of keys.slice(0, -1)) {
    const next = Array.isArray(target[key]) ? (target[key] as Attributes[])[0] : (target[key] as Attributes);
    if (!next) target[key] = {};
    target = (next ?? target[key]) as Attributes;
  }
  const last = keys[keys.length - 1];
  target[last] = Array.isArray(target[last]) ? [value] : value;
}

describe('provider plan-time rules', () => {
  test('ids are unique, and each rule names its source file and line at a version', () => {
    expect(new Set(PROVIDER_RULES.map((r) => r.id)).size).toBe(PROVIDER_RULES.length);
    for (const rule of PROVIDER_RULES) {
      expect(rule.id).toMatch(/^PLAN-(AZ|AZAPI|TIME)-\d+$/);
      expect(rule.source).toMatch(/^(azurerm v4\.55\.0|azapi v2\.12\.0|time v0\.13\.1) \S+\.(go|json)/);
      expect(rule.source).toMatch(/:\d+|line \d+/);
    }
  });

  describe.each(PROVIDER_RULES.map((r) => [r.id, r] as const))('%s', (_, rule) => {
    test(`${rule.type} resources of the fixtures comply`, () => {
      const found = fixtures(rule);
      expect(found.length).toBeGreaterThan(0);
      for (const { attributes, stack } of found) expect(rule.check(attributes, stack)).toEqual([]);
    });

    test('a resource broken its way is refused', () => {
      const [{ attributes, stack }] = fixtures(rule);
      const broken = structuredClone(attributes);
      if (rule.enumeration) setEvery(broken, rule.enumeration.path, miscased(rule.enumeration.allowed));
      else rule.breaks!(broken);
      expect(rule.check(broken, stack).length).toBeGreaterThan(0);
    });
  });
});
