import { awsPart } from '../../../tools/validate/aws-part';
import { CANARY_NEWER_ARGUMENT, CANARY_STACK, canaryProblems, canaryStack } from '../../../tools/validate/canary';
import type { StackValidation } from '../../../tools/validate/validate-stacks';

const result = (over: Partial<StackValidation>): StackValidation => ({
  stack: CANARY_STACK,
  result: 'invalid',
  scope: 'AWS part',
  unknownToSchema: [],
  notValidated: [],
  errors: ['Reference to undeclared resource at aws_s3_bucket_versioning.canary.bucket'],
  warnings: [],
  ...over,
});

describe('the validate canary', () => {
  test('is pinned like the stacks beside it, references a resource no one declares, and uses a 6.x-only argument', () => {
    const stack = canaryStack('6.25.0') as unknown as {
      terraform: { required_providers: { aws: { version: string } } };
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(stack.terraform.required_providers.aws.version).toBe('6.25.0');
    expect(stack.resource.aws_s3_bucket_versioning.canary.bucket).toBe('${aws_s3_bucket.declared_nowhere.id}');
    expect(stack.resource.aws_s3_bucket).toBeUndefined();
    const [type, name, attribute] = CANARY_NEWER_ARGUMENT.split('.');
    expect(stack.resource[type][name][attribute]).toBeDefined();
  });

  test('goes through the mirror rewrite whole: both resources are validated', () => {
    const part = awsPart(canaryStack('6.25.0'), '5.100.0');
    expect(part.validated).toEqual(expect.arrayContaining(['aws_s3_bucket_versioning.canary', 'aws_sns_topic.canary']));
    expect(part.notValidated).toEqual([]);
  });

  test('behaved: invalid on the reference alone; through a mirror, the newer argument reported', () => {
    expect(canaryProblems(result({}), false)).toEqual([]);
    expect(canaryProblems(result({ unknownToSchema: [CANARY_NEWER_ARGUMENT] }), true)).toEqual([]);
  });

  test('misbehaved: passed, failed on something else, or dropped the newer argument without a word', () => {
    expect(canaryProblems(result({ result: 'valid', errors: [] }), false)).toEqual([
      'a reference to an undeclared resource was not reported (the canary came out valid)',
    ]);
    expect(canaryProblems(result({ errors: ['Unsupported argument at aws_sns_topic.canary.region'] }), true)).toEqual([
      'a reference to an undeclared resource was not reported (the canary came out invalid)',
      'unexpected errors: Unsupported argument at aws_sns_topic.canary.region',
      `arguments reported unknown to the schema: [], expected [${CANARY_NEWER_ARGUMENT}]`,
    ]);
    expect(canaryProblems(undefined, true)).toEqual(['the canary stack was not validated']);
  });
});
