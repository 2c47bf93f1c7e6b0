import { referencedResource, remoteOutput, type StackJson } from '../../../constructs/shared/stack-json';

const stack = (json: Partial<StackJson>): StackJson => ({ terraform: { backend: {} }, ...json });

describe('cross-stack references', () => {
  const stacks = new Map<string, StackJson>([
    [
      'prod-aws-account',
      stack({
        resource: { aws_iam_role: { publisher: { name: 'p' } } },
        output: { 'cross-stack-output-aws_iam_rolepublishername': { value: '${aws_iam_role.publisher.name}' } },
      }),
    ],
    ['prod-aws-dist-us-east-1', stack({ resource: { aws_s3_bucket: { store: { bucket: 'b' } } } })],
  ]);
  const remote =
    '${data.terraform_remote_state.cross-stack-reference-input-prod-aws-account.outputs.cross-stack-output-aws_iam_rolepublishername}';

  test('a remote-state read names the producing stack and its output', () => {
    expect(remoteOutput(remote)).toEqual({
      stack: 'prod-aws-account',
      output: 'cross-stack-output-aws_iam_rolepublishername',
    });
    expect(remoteOutput('${aws_iam_role.publisher.name}')).toBeUndefined();
    expect(remoteOutput(`prefix-${remote}`)).toBeUndefined();
  });

  test('a reference resolves in its own stack, or through the output of the stack that declares it', () => {
    expect(referencedResource(stacks, 'prod-aws-dist-us-east-1', '${aws_s3_bucket.store.arn}')).toEqual({
      stack: 'prod-aws-dist-us-east-1',
      resource: { type: 'aws_s3_bucket', id: 'store', address: 'aws_s3_bucket.store', attributes: { bucket: 'b' } },
    });
    expect(referencedResource(stacks, 'prod-aws-dist-us-east-1', remote)?.resource.address).toBe(
      'aws_iam_role.publisher',
    );
  });

  test('a literal, an unknown resource, an unknown stack or output resolves to nothing', () => {
    expect(referencedResource(stacks, 'prod-aws-dist-us-east-1', 'arn:aws:s3:::b')).toBeUndefined();
    expect(referencedResource(stacks, 'prod-aws-dist-us-east-1', '${aws_s3_bucket.other.arn}')).toBeUndefined();
    expect(
      referencedResource(stacks, 'prod-aws-dist-us-east-1', remote.replace('prod-aws-account', 'qa-aws-account')),
    ).toBeUndefined();
    expect(
      referencedResource(stacks, 'prod-aws-dist-us-east-1', remote.replace('publishername', 'publisherarn')),
    ).toBeUndefined();
  });
});
