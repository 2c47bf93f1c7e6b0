/**
 * The permissions boundary's denies on the audit chain: each deny read as IAM reads it (action
 * and resource patterns, the conditions used here), for a bounded role and the break-glass role.
 */
import { auditChainStatements, type AwsAuditChain } from '../../../../constructs/aws/iam/audit-chain';
import { boundaryStatements } from '../../../../constructs/aws/iam/permissions-boundary';
import type { IamStatement } from '../../../../constructs/aws/iam/policy-document';
import { parsePlatformConfig } from '../../../../config/load';
import { policyStatements, resourcesOfType, type PolicyStatementJson } from '../../../../constructs/shared/stack-json';
import { configProblems, frozenConfig } from '../../../helpers/config-fixture';
import { sharedOutput } from '../../../helpers/shared-synth';
import { synthesize } from '../../../helpers/synth';

const ACCOUNT = '222222222222';
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/incident-break-glass`;
const NODE_ROLE = `arn:aws:iam::${ACCOUNT}:role/gpuplat-prod-us-east-1-eks-node`;
const CHAIN: AwsAuditChain = { accountId: ACCOUNT, namePrefix: 'gpuplat-prod', breakGlassRoleArn: BREAK_GLASS };

/** IAM's wildcard match: `*` any run of characters, `?` one. */
const matches = (pattern: string, value: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  ).test(value);

interface Request {
  readonly action: string;
  readonly resource: string;
  readonly principal: string;
  /** The aliases of the KMS key the request is on. */
  readonly aliases?: readonly string[];
}

/** Whether a Deny statement applies to a request (only the condition operators these statements use). */
function denies(s: IamStatement, r: Request): boolean {
  if (s.effect !== 'Deny') return false;
  if (!s.actions.some((a) => matches(a, r.action))) return false;
  if (!(s.resources ?? ['*']).some((p) => matches(p, r.resource))) return false;
  return (s.conditions ?? []).every((c) => {
    if (c.test === 'ArnNotEquals' && c.variable === 'aws:PrincipalArn') return !c.values.includes(r.principal);
    if (c.test === 'ForAnyValue:StringLike' && c.variable === 'kms:ResourceAliases')
      return (r.aliases ?? []).some((alias) => c.values.some((v) => matches(v, alias)));
    throw new Error(`the test evaluator does not know ${c.test} ${c.variable}`);
  });
}

const deniedBy = (statements: readonly IamStatement[], r: Request) =>
  statements.filter((s) => denies(s, r)).map((s) => s.sid);

const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/gpuplat-prod`;
const AUDIT_BUCKET = `arn:aws:s3:::gpuplat-prod-audit-${ACCOUNT}`;
const CONFIG_BUCKET = `arn:aws:s3:::gpuplat-prod-config-${ACCOUNT}`;
const LOG_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b7e2f7c-1111-2222-3333-444455556666`;
const CASES: readonly (Omit<Request, 'principal'> & { sid: string })[] = [
  { sid: 'AuditChainTrails', action: 'cloudtrail:StopLogging', resource: TRAIL },
  { sid: 'AuditChainTrails', action: 'cloudtrail:DeleteTrail', resource: TRAIL },
  { sid: 'AuditChainTrails', action: 'cloudtrail:UpdateTrail', resource: TRAIL },
  { sid: 'AuditChainBuckets', action: 's3:DeleteBucket', resource: AUDIT_BUCKET },
  { sid: 'AuditChainBuckets', action: 's3:DeleteBucketPolicy', resource: AUDIT_BUCKET },
  { sid: 'AuditChainBuckets', action: 's3:PutBucketPolicy', resource: CONFIG_BUCKET },
  { sid: 'AuditChainBuckets', action: 's3:PutLifecycleConfiguration', resource: AUDIT_BUCKET },
  { sid: 'AuditChainObjects', action: 's3:DeleteObjectVersion', resource: `${AUDIT_BUCKET}/AWSLogs/x.json.gz` },
  { sid: 'AuditChainObjects', action: 's3:BypassGovernanceRetention', resource: `${AUDIT_BUCKET}/AWSLogs/x` },
  {
    sid: 'AuditChainLogKeys',
    action: 'kms:ScheduleKeyDeletion',
    resource: LOG_KEY,
    aliases: ['alias/gpuplat-prod-eu-west-1-logs'],
  },
  { sid: 'AuditChainLogKeys', action: 'kms:PutKeyPolicy', resource: LOG_KEY, aliases: ['alias/gpuplat-prod-logs'] },
  { sid: 'AuditChainLogKeys', action: 'kms:DisableKey', resource: LOG_KEY, aliases: ['alias/gpuplat-prod-logs'] },
  {
    sid: 'AuditChainLogKeyAliases',
    action: 'kms:DeleteAlias',
    resource: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/gpuplat-prod-logs`,
  },
  {
    sid: 'AuditChainLogGroups',
    action: 'logs:DeleteLogGroup',
    resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/gpuplat-prod:*`,
  },
  {
    sid: 'AuditChainLogGroups',
    action: 'logs:PutRetentionPolicy',
    resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/vpc/gpuplat-prod-eu-west-1/flow-logs`,
  },
  {
    sid: 'AuditChainLogGroups',
    action: 'logs:DeleteLogGroup',
    resource: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/eks/gpuplat-prod-eu-west-1/cluster`,
  },
  {
    sid: 'AuditChainLogGroups',
    action: 'logs:DeleteLogGroup',
    resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vpn/gpuplat-prod-us-east-1/tunnels`,
  },
  {
    sid: 'AuditChainMetricFilters',
    action: 'logs:DeleteMetricFilter',
    resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/gpuplat-prod`,
  },
  {
    sid: 'AuditChainAlarms',
    action: 'cloudwatch:DisableAlarmActions',
    resource: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:gpuplat-prod-cloudtrail-changes`,
  },
  {
    sid: 'AuditChainAlarmTopic',
    action: 'sns:DeleteTopic',
    resource: `arn:aws:sns:us-east-1:${ACCOUNT}:gpuplat-prod-alarms`,
  },
  {
    sid: 'AuditChainFlowLogs',
    action: 'ec2:DeleteFlowLogs',
    resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc-flow-log/fl-0123456789abcdef0`,
  },
  { sid: 'AuditChainDetectors', action: 'guardduty:DeleteDetector', resource: '*' },
  { sid: 'AuditChainDetectors', action: 'config:StopConfigurationRecorder', resource: '*' },
  { sid: 'AuditChainDetectors', action: 'securityhub:DisableSecurityHub', resource: '*' },
];

describe('the permissions boundary protects the audit chain', () => {
  const statements = auditChainStatements(CHAIN);

  test.each(CASES)('$action on $resource: denied to a bounded role by $sid, not to the break-glass role', (c) => {
    expect(deniedBy(statements, { ...c, principal: NODE_ROLE })).toEqual([c.sid]);
    expect(deniedBy(statements, { ...c, principal: BREAK_GLASS })).toEqual([]);
  });

  test('what is not the audit chain stays as the boundary allows it', () => {
    const elsewhere: Request[] = [
      {
        action: 's3:PutBucketPolicy',
        resource: `arn:aws:s3:::gpuplat-models-prod-us-east-1-${ACCOUNT}`,
        principal: NODE_ROLE,
      },
      {
        action: 's3:DeleteObject',
        resource: `arn:aws:s3:::gpuplat-models-prod-us-east-1-${ACCOUNT}/models/a`,
        principal: NODE_ROLE,
      },
      {
        action: 'kms:ScheduleKeyDeletion',
        resource: LOG_KEY,
        aliases: ['alias/gpuplat-prod-us-east-1-models'],
        principal: NODE_ROLE,
      },
      {
        action: 'logs:DeleteLogGroup',
        resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/workloads/gpuplat-prod-us-east-1`,
        principal: NODE_ROLE,
      },
      { action: 's3:GetObject', resource: `${AUDIT_BUCKET}/AWSLogs/x`, principal: NODE_ROLE },
    ];
    for (const r of elsewhere) expect({ r, denied: deniedBy(statements, r) }).toEqual({ r, denied: [] });
  });

  test('without a break-glass role, no principal is exempt', () => {
    const strict = auditChainStatements({ ...CHAIN, breakGlassRoleArn: undefined });
    for (const c of CASES) expect(deniedBy(strict, { ...c, principal: BREAK_GLASS })).toEqual([c.sid]);
  });

  test('the boundary carries the denies after its own', () => {
    const sids = boundaryStatements(`arn:aws:iam::${ACCOUNT}:policy/gpuplat-prod-boundary`, CHAIN).map((s) => s.sid);
    expect(sids).toEqual(expect.arrayContaining([...new Set(CASES.map((c) => c.sid))]));
    expect(sids.slice(0, 5)).toEqual([
      'PlatformServices',
      'ServiceLinkedRolesOnly',
      'NoNewPrincipalsOrCredentials',
      'NoBoundaryChanges',
      'NoChangesToThisBoundary',
    ]);
  });
});

describe('the boundary as synthesized (frozen fixture)', () => {
  const boundaryOf = (stacks: ReadonlyMap<string, Parameters<typeof resourcesOfType>[0]>): PolicyStatementJson[] => {
    const account = stacks.get('prod-aws-account')!;
    const [policy] = resourcesOfType(account, 'aws_iam_policy').filter((p) => p.id.startsWith('permissions-boundary'));
    return policyStatements(account, policy.attributes.policy)!;
  };

  test('names the audit resources the account and region stacks create', () => {
    const { stacks } = sharedOutput('frozen');
    const statements = boundaryOf(stacks);
    const resources = statements.filter((s) => s.sid?.startsWith('AuditChain')).flatMap((s) => s.resources);
    const names = (type: string, attribute: string) =>
      [...stacks.values()].flatMap((s) => resourcesOfType(s, type).map((r) => String(r.attributes[attribute])));
    for (const bucket of names('aws_s3_bucket', 'bucket').filter((b) => /-(audit|config)(-logs)?-\d{12}$/.test(b)))
      expect(resources.some((p) => matches(p, `arn:aws:s3:::${bucket}`))).toBe(true);
    for (const group of names('aws_cloudwatch_log_group', 'name').filter((g) => !g.startsWith('/workloads/')))
      expect({
        group,
        covered: resources.some((p) => matches(p, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${group}`)),
      }).toEqual({ group, covered: true });
    const logAliases = names('aws_kms_alias', 'name').filter((a) => a.endsWith('-logs'));
    expect(logAliases.length).toBeGreaterThan(1);
    const keyDeny = statements.find((s) => s.sid === 'AuditChainLogKeys')!;
    const aliasPatterns = keyDeny.conditions.find((c) => c.variable === 'kms:ResourceAliases')!.values;
    for (const alias of logAliases.filter((a) => a.includes('gpuplat-prod')))
      expect(aliasPatterns.some((p) => matches(p, alias))).toBe(true);
  });

  test('config names the break-glass role; the denies exempt exactly it', () => {
    const input = frozenConfig();
    delete input.environments.dev;
    input.environments.prod.aws.breakGlassRoleArn = BREAK_GLASS;
    const statements = boundaryOf(synthesize(parsePlatformConfig(input)).stacks);
    const denies = statements.filter((s) => s.sid?.startsWith('AuditChain'));
    expect(denies.length).toBe(11);
    for (const s of denies)
      expect(s.conditions).toContainEqual({
        test: 'ArnNotEquals',
        variable: 'aws:PrincipalArn',
        values: [BREAK_GLASS],
      });
    // IAM caps a managed policy at 6,144 characters, whitespace aside.
    const rendered = JSON.stringify({
      Version: '2012-10-17',
      Statement: statements.map((s) => ({
        Sid: s.sid,
        Effect: s.effect,
        Action: s.actions,
        Resource: s.resources,
        Condition: Object.fromEntries(s.conditions.map((c) => [c.test, { [c.variable]: c.values }])),
      })),
    });
    expect(rendered.length).toBeLessThan(6144);
    input.environments.prod.aws.breakGlassRoleArn = 'incident-role';
    expect(configProblems(input)).toEqual([
      expect.stringMatching(/^environments\.prod\.aws\.breakGlassRoleArn: must be an IAM role ARN/),
    ]);
  });
});
