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
 * the exact `system:serviceaccount:<namespace>:<name>` subject, never a pattern; and, when
 * `sourceCidrs` are given, to calls from those addresses only (`aws:SourceIp`: the token is
 * accepted only where the cluster's egress comes from).
 */
export function webIdentityTrustStatements(
  providerArns: readonly string[],
  subject: string,
  sourceCidrs: readonly string[] = [],
): IamStatement[] {
  return providerArns.map((providerArn, i) => {
    const issuer = oidcConditionIssuer(providerArn);
    return {
      sid: `ServiceAccountOfCluster${i}`,
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [{ type: 'Federated', identifiers: [providerArn] }],
      conditions: [
        { test: 'StringEquals', variable: `${issuer}:aud`, values: [STS_AUDIENCE] },
        { test: 'StringEquals', variable: `${issuer}:sub`, values: [subject] },
        ...(sourceCidrs.length > 0 ? [{ test: 'IpAddress', variable: 'aws:SourceIp', values: [...sourceCidrs] }] : []),
      ],
    };
  });
}

/** An IPv4 address as the one-address CIDR IAM's IP conditions take; works on unresolved references too. */
export function hostCidr(address: string): string {
  return `${address}/32`;
}
