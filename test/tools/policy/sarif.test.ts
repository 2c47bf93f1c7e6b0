import { readFileSync } from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import { POLICY_RESULTS_FILE, type PolicyResultsFile } from '../../../constructs/checks/policy/gate';
import { RULE_PACK } from '../../../constructs/checks/policy/rule-pack';
import { resourceLine, SUPPRESSION_RULE_ID, toSarif } from '../../../tools/policy/sarif';
import { formatStackTable, hasErrors } from '../../../tools/policy/table';
import { sharedSynthDir } from '../../helpers/shared-synth';

/** The SARIF 2.1.0 schema (OASIS, as published on schemastore.org), shipped with the tests. */
const SCHEMA = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// The published schema's language pattern has a stray ']' that only non-unicode regular expressions
// accept. Ajv knows none of its formats (uri, uri-reference, date-time): the URIs are asserted below.
const validate = new Ajv({
  allErrors: true,
  strict: false,
  unicodeRegExp: false,
  formats: { uri: true, 'uri-reference': true, 'date-time': true },
}).compile(SCHEMA);

/** A results file with one finding of each kind, on a real resource of the frozen fixture's synth. */
function sample(): { results: PolicyResultsFile; text: string; address: string } {
  const stack = 'dev-aws-dist-us-east-1';
  const dir = path.join(sharedSynthDir('frozen'), 'stacks', stack);
  const text = readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8');
  const gated = JSON.parse(readFileSync(path.join(dir, POLICY_RESULTS_FILE), 'utf8')) as PolicyResultsFile;
  const address = Object.entries(
    (JSON.parse(text) as { resource: Record<string, object> }).resource.aws_eks_cluster,
  ).map(([id]) => `aws_eks_cluster.${id}`)[0];
  const suppression = {
    rule: 'GPUP-AWS-EKS-2',
    resource: `${stack}/eks/cluster`,
    reason: 'Office range only',
    source: 'config' as const,
  };
  return {
    text,
    address,
    results: {
      stack,
      production: false,
      minimumLogRetentionDays: 30,
      evaluation: {
        rulesRun: gated.evaluation.rulesRun,
        results: [
          {
            rule: 'GPUP-AWS-EKS-2',
            address,
            path: `${stack}/eks/cluster`,
            status: 'suppressed',
            message: 'm',
            suppression,
          },
          {
            rule: 'GPUP-AWS-EKS-1',
            address,
            path: `${stack}/eks/cluster`,
            status: 'error',
            message: 'open to the world',
          },
        ],
        suppressionProblems: [{ suppression: { ...suppression, reason: 'x' }, problem: 'needs a reason' }],
      },
    },
  };
}

describe('the policy report', () => {
  const { results, text, address } = sample();
  const file = 'cdktf.out/stacks/dev-aws-dist-us-east-1/cdk.tf.json';
  const sarif = toSarif(results, RULE_PACK, file, text, '0.1.0');

  test('the SARIF validates against the SARIF 2.1.0 schema', () => {
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  });

  test('the schema rejects what is not SARIF, so the validation above means something', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
  });

  test('every rule is described with help text and the public controls it mirrors', () => {
    const rules = (sarif.runs as { tool: { driver: { rules: { id: string; help: { text: string } }[] } } }[])[0].tool
      .driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...RULE_PACK.map((r) => r.id), SUPPRESSION_RULE_ID]);
    expect(rules.find((r) => r.id === 'GPUP-AWS-EKS-2')!.help.text).toContain('AWS FSBP EKS.1');
  });

  test('a finding points at its resource in cdk.tf.json (file and line) and names its construct path', () => {
    const [suppressed, error] = (sarif.runs as { results: Record<string, unknown>[] }[])[0].results as {
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations: { fullyQualifiedName: string }[];
      }[];
      suppressions?: { justification: string }[];
    }[];
    const line = error.locations[0].physicalLocation.region.startLine;
    expect(error.locations[0].physicalLocation.artifactLocation.uri).toBe(file);
    expect(text.split('\n')[line - 1].trim()).toBe(`"${address.split('.')[1]}": {`);
    expect(error.locations[0].logicalLocations[0].fullyQualifiedName).toBe('dev-aws-dist-us-east-1/eks/cluster');
    expect(suppressed.suppressions).toEqual([{ kind: 'external', justification: 'Office range only' }]);
  });

  test('resourceLine falls back to line 1 for an address the file does not have', () => {
    expect(resourceLine(text, 'aws_eks_cluster.nope')).toBe(1);
  });

  test('the table lists rule, resource, result and reason, suppressions and broken ones included', () => {
    const table = formatStackTable(results, results.evaluation.rulesRun);
    expect(table).toMatch(/^dev-aws-dist-us-east-1 \(non-production, log retention >= 30 days\)/);
    expect(table).toMatch(/rule\s+resource\s+result\s+reason/);
    expect(table).toMatch(
      /GPUP-AWS-EKS-2\s+dev-aws-dist-us-east-1\/eks\/cluster\s+suppressed \(config\)\s+Office range only/,
    );
    expect(table).toMatch(/GPUP-SUPPRESSION .* error\s+needs a reason/);
    expect(hasErrors(results)).toBe(true);
  });
});
