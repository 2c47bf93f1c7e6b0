import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { Construct } from 'constructs';

/** One condition of a statement: `test` is the operator (`StringEquals`), `variable` the key. */
export interface IamCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** A principal of a resource or trust policy. */
export interface IamPrincipal {
  readonly type: 'AWS' | 'Service' | 'Federated' | '*';
  readonly identifiers: readonly string[];
}

/**
 * One IAM policy statement, typed. Policies are built from these and rendered by
 * `aws_iam_policy_document`, never written as JSON strings: Terraform then serializes them, and
 * keys that are only known at apply (an OIDC issuer's condition key) work as plain values.
 */
export interface IamStatement {
  /** Names what the statement is for; unique within its policy. */
  readonly sid: string;
  /** Default `Allow`. */
  readonly effect?: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources?: readonly string[];
  readonly principals?: readonly IamPrincipal[];
  readonly conditions?: readonly IamCondition[];
}

/** An `aws_iam_policy_document` of the given statements; use its `json`. */
export function iamPolicyDocument(
  scope: Construct,
  id: string,
  statements: readonly IamStatement[],
): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: statements.map((s) => ({
      sid: s.sid,
      effect: s.effect ?? 'Allow',
      actions: [...s.actions],
      resources: s.resources ? [...s.resources] : undefined,
      principals: s.principals?.map((p) => ({ type: p.type, identifiers: [...p.identifiers] })),
      condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: [...c.values] })),
    })),
  });
}
