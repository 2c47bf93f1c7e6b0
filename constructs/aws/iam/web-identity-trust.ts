import { Fn } from 'cdktf';
import type { IamStatement } from './policy-document';

/** The audience AWS STS expects in web identity tokens it accepts. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/**
 * The issuer part of an OIDC provider's condition keys (`<issuer>:sub`), read from the
 * provider's ARN (`arn:aws:iam::<account>:oidc-provider/<issuer>`): the form IAM itself stores,
 * whatever scheme or trailing slash the issuer URL was given with.
 */
export function oidcConditionIssuer(providerArn: string): string {
  return Fn.element(Fn.split('oidc-provider/', providerArn), 1);
}

/**
 * Trust for `sts:AssumeRoleWithWebIdentity` from Kubernetes service-account tokens: one
 * statement per trusted OIDC provider (one per cluster), each pinned to the STS audience and to
 * the exact `system:serviceaccount:<namespace>:<name>` subject, never a pattern.
 */
export function webIdentityTrustStatements(providerArns: readonly string[], subject: string): IamStatement[] {
  return providerArns.map((providerArn, i) => {
    const issuer = oidcConditionIssuer(providerArn);
    return {
      sid: `ServiceAccountOfCluster${i}`,
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [{ type: 'Federated', identifiers: [providerArn] }],
      conditions: [
        { test: 'StringEquals', variable: `${issuer}:aud`, values: [STS_AUDIENCE] },
        { test: 'StringEquals', variable: `${issuer}:sub`, values: [subject] },
      ],
    };
  });
}
