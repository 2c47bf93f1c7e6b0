/**
 * A stack Terraform must find fault with, validated beside the real ones, so that a run proves
 * its own verdicts mean something where it ran: a "valid" from a Terraform, provider or mirror
 * that would also pass a broken stack is worth nothing. The canary holds
 *
 * - a reference to a resource no stack declares (what broke three stacks before): every mode
 *   must report it invalid;
 * - an argument only hashicorp/aws 6.x knows: validating through an older mirror must report
 *   it as unknown to that schema and take it out, not fail on it or drop it silently.
 *
 * Pure: the stack, and what its result must be.
 */
import type { StackJson } from '../../constructs/shared/stack-json';
import type { StackValidation } from './validate-stacks';

/** The canary's name in a run; no synthesized stack is called this (stack names start with an environment). */
export const CANARY_STACK = 'validate-canary';

/** The argument the mirror's older schema must report (`region` on resources is new in 6.0). */
export const CANARY_NEWER_ARGUMENT = 'aws_sns_topic.canary.region';

/** The canary stack, pinned to `awsVersion` like the stacks it runs beside. */
export function canaryStack(awsVersion: string): StackJson {
  return {
    terraform: { required_providers: { aws: { source: 'aws', version: awsVersion } } },
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: {
      aws_s3_bucket_versioning: {
        canary: { bucket: '${aws_s3_bucket.declared_nowhere.id}', versioning_configuration: { status: 'Enabled' } },
      },
      aws_sns_topic: { canary: { name: 'validate-canary', region: 'us-east-1' } },
    },
  } as unknown as StackJson;
}

/**
 * What is wrong with the canary's result, if anything: `[]` when validation behaved. `mirror`
 * says whether it ran through an older mirror (where the newer argument must be reported).
 */
export function canaryProblems(result: StackValidation | undefined, mirror: boolean): string[] {
  if (!result) return ['the canary stack was not validated'];
  const problems: string[] = [];
  const undeclared = (e: string) => /Reference to undeclared resource/.test(e);
  if (result.result !== 'invalid' || !result.errors.some(undeclared))
    problems.push(`a reference to an undeclared resource was not reported (the canary came out ${result.result})`);
  const others = result.errors.filter((e) => !undeclared(e));
  if (others.length > 0) problems.push(`unexpected errors: ${others.join('; ')}`);
  const expectedUnknown = mirror ? [CANARY_NEWER_ARGUMENT] : [];
  if (JSON.stringify(result.unknownToSchema) !== JSON.stringify(expectedUnknown))
    problems.push(
      `arguments reported unknown to the schema: [${result.unknownToSchema.join(', ')}], expected [${expectedUnknown.join(', ')}]`,
    );
  return problems;
}
