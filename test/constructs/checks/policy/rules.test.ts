import { RULE_PACK } from '../../../../constructs/checks/policy/rule-pack';
import type { PolicyContext } from '../../../../constructs/checks/policy/rule';
import { fixtureStack } from './fixture';
import { RULE_FIXTURES } from './rule-fixtures';

/** Production, a year's retention, VPCs taggable: the strictest context. */
const CONTEXT: PolicyContext = {
  production: true,
  minimumLogRetentionDays: 365,
  taggableTypes: new Set(['aws_vpc']),
  today: '2026-12-07',
};

const fired = (ruleId: string, resources: Parameters<typeof fixtureStack>[0]) =>
  RULE_PACK.find((r) => r.id === ruleId)!.check(fixtureStack(resources), CONTEXT);

describe('the rule pack', () => {
  test('has at least 40 rules, each with a unique id, a severity, a rationale, a fix and resource types', () => {
    expect(RULE_PACK.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RULE_PACK.map((r) => r.id)).size).toBe(RULE_PACK.length);
    for (const rule of RULE_PACK) {
      expect(rule.id).toMatch(/^GPUP-([A-Z0-9]+-)+\d+$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.rationale.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
    }
  });

  test('every rule has a compliant and a violating fixture, and no fixture names a rule not in the pack', () => {
    expect(Object.keys(RULE_FIXTURES).sort()).toEqual(RULE_PACK.map((r) => r.id).sort());
  });
});

describe.each(RULE_PACK.map((r) => [r.id]))('%s', (id) => {
  test('passes its compliant fixture', () => {
    expect(fired(id, RULE_FIXTURES[id].compliant)).toEqual([]);
  });
  test('fails its violating fixture, naming the resource', () => {
    const findings = fired(id, RULE_FIXTURES[id].violating);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.address).toMatch(/^[a-z0-9_]+\.[\w-]+$/);
  });
});

describe('environment-wide settings come from config, not code', () => {
  const relaxed: PolicyContext = { ...CONTEXT, production: false, minimumLogRetentionDays: 30 };
  const run = (id: string, resources: Parameters<typeof fixtureStack>[0], context: PolicyContext) =>
    RULE_PACK.find((r) => r.id === id)!.check(fixtureStack(resources), context);

  test('outside production, LRS storage and software keys pass', () => {
    expect(run('GPUP-AZ-ST-7', RULE_FIXTURES['GPUP-AZ-ST-7'].violating, relaxed)).toEqual([]);
    expect(run('GPUP-AZ-KEY-2', RULE_FIXTURES['GPUP-AZ-KEY-2'].violating, relaxed)).toEqual([]);
  });
  test('a lower retention floor admits 30-day logs on both clouds', () => {
    expect(run('GPUP-AWS-LOG-1', RULE_FIXTURES['GPUP-AWS-LOG-1'].violating, relaxed)).toEqual([]);
    expect(run('GPUP-AZ-LOG-1', RULE_FIXTURES['GPUP-AZ-LOG-1'].violating, relaxed)).toEqual([]);
  });
});
