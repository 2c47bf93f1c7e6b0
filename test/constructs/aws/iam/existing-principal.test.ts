import { TerraformStack, Testing } from 'cdktf';
import { existingPrincipalArn } from '../../../../constructs/aws/iam/existing-principal';

describe('existingPrincipalArn', () => {
  test('a role or user of the account is looked up by name, whatever its path', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const role = existingPrincipalArn(
      stack,
      'r',
      'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/Admin',
      '111111111111',
    );
    const user = existingPrincipalArn(stack, 'u', 'arn:aws:iam::111111111111:user/ops', '111111111111');
    const json = JSON.parse(Testing.synth(stack));
    expect(json.data.aws_iam_role.r).toEqual({ name: 'Admin' });
    expect(json.data.aws_iam_user.u).toEqual({ user_name: 'ops' });
    expect([role, user].every((arn) => arn.startsWith('${TfToken'))).toBe(true);
  });

  test("another account's principal cannot be read from this one and passes through", () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(existingPrincipalArn(stack, 'r', 'arn:aws:iam::222222222222:role/admins', '111111111111')).toBe(
      'arn:aws:iam::222222222222:role/admins',
    );
  });
});
