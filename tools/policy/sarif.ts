/**
 * One stack's gate results as SARIF 2.1.0, for code-scanning upload: every rule with its help
 * and the public controls it mirrors, every finding located at its resource in the synthesized
 * `cdk.tf.json` (file and line) and named by its construct path. Pure.
 */
import type { PolicyResultsFile } from '../../constructs/checks/policy/gate';
import type { PolicyRule, PublicControls } from '../../constructs/checks/policy/rule';

/** The id results about broken suppressions carry: they are not findings of any one rule. */
export const SUPPRESSION_RULE_ID = 'GPUP-SUPPRESSION';

const CONTROL_LABELS: Readonly<Record<keyof PublicControls, string>> = {
  awsFsbp: 'AWS FSBP',
  cisAws: 'CIS AWS v3.0.0',
  cisAzure: 'CIS Azure v2.0.0',
  checkov: 'checkov',
};

/** A rule's public controls as labels (`AWS FSBP EKS.1`). */
export function controlLabels(controls: PublicControls): string[] {
  return (Object.keys(CONTROL_LABELS) as (keyof PublicControls)[]).flatMap((k) =>
    (controls[k] ?? []).map((id) => `${CONTROL_LABELS[k]} ${id}`),
  );
}

/**
 * The line (1-based) of a resource's block in a `cdk.tf.json` as cdktf writes it (stable key
 * order, two-space indent): `"<id>": {` under `"<type>": {` under `"resource": {`. Line 1 when
 * not found.
 */
export function resourceLine(text: string, address: string): number {
  const [type, id] = address.split('.');
  const lines = text.split('\n');
  const find = (needle: string, from: number) => lines.findIndex((l, i) => i >= from && l === needle);
  const section = find('  "resource": {', 0);
  const typeLine = section < 0 ? -1 : find(`    ${JSON.stringify(type)}: {`, section);
  const idLine = typeLine < 0 ? -1 : find(`      ${JSON.stringify(id)}: {`, typeLine);
  return idLine < 0 ? 1 : idLine + 1;
}

/** A SARIF log of one stack: `file` is the stack's `cdk.tf.json` path relative to the repository, `text` its content. */
export function toSarif(
  results: PolicyResultsFile,
  rules: readonly PolicyRule[],
  file: string,
  text: string,
  version: string,
): Record<string, unknown> {
  const descriptors = [
    ...rules.map((r) => ({
      id: r.id,
      name: r.id.replace(/-/g, ''),
      shortDescription: { text: r.title },
      fullDescription: { text: r.rationale },
      help: {
        text: `${r.rationale}. Fix: ${r.fix}. Public controls: ${controlLabels(r.controls).join(', ') || 'none'}.`,
        markdown: `**${r.title}**\n\n${r.rationale}.\n\n**Fix:** ${r.fix}.\n\n**Public controls:** ${controlLabels(r.controls).join(', ') || 'none'}.`,
      },
      defaultConfiguration: { level: r.severity },
      properties: { tags: ['security', 'gpu-platform', ...controlLabels(r.controls)], resourceTypes: r.resourceTypes },
    })),
    {
      id: SUPPRESSION_RULE_ID,
      name: 'PolicySuppression',
      shortDescription: { text: 'A suppression has a reason, names a rule of the pack, and matches a finding' },
      help: { text: 'Give the reason (10 characters or more), fix the rule id, or remove the suppression.' },
      defaultConfiguration: { level: 'error' },
    },
  ];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const location = (address: string | undefined, constructPath: string) => ({
    physicalLocation: {
      artifactLocation: { uri: file },
      region: { startLine: address ? resourceLine(text, address) : 1 },
    },
    logicalLocations: [{ fullyQualifiedName: constructPath, kind: 'resource' }],
  });
  const findings = results.evaluation.results.map((r) => ({
    ruleId: r.rule,
    ruleIndex: index.get(r.rule),
    level: rules.find((rule) => rule.id === r.rule)!.severity,
    message: { text: `${r.address} (${r.path}): ${r.message}` },
    locations: [location(r.address, r.path)],
    properties: { address: r.address, constructPath: r.path },
    ...(r.suppression && {
      suppressions: [
        { kind: r.suppression.source === 'construct' ? 'inSource' : 'external', justification: r.suppression.reason },
      ],
    }),
  }));
  const broken = results.evaluation.suppressionProblems.map((p) => ({
    ruleId: SUPPRESSION_RULE_ID,
    ruleIndex: index.get(SUPPRESSION_RULE_ID),
    level: 'error',
    message: { text: p.problem },
    locations: [location(undefined, p.suppression.resource)],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gpu-platform-policy', version, rules: descriptors } },
        artifacts: [{ location: { uri: file } }],
        results: [...findings, ...broken],
        properties: {
          stack: results.stack,
          production: results.production,
          minimumLogRetentionDays: results.minimumLogRetentionDays,
        },
      },
    ],
  };
}
