/**
 * Signed model releases, cloud-neutral: who signs, who verifies, which signing keys a trust set
 * carries during a rotation, and where each AWS region keeps that trust set. The release format
 * itself is docs/model-release-format.md; the contract between the clouds is
 * docs/model-release-contract.md. Pure: no constructs, no I/O.
 */
import type { CloudWorkloadIdentity } from './workload-identity';

/** The curves a signing key may use: P-256 (ES256, the default) or P-384 (ES384). */
export const SIGNING_CURVES = ['P-256', 'P-384'] as const;
export type SigningCurve = (typeof SIGNING_CURVES)[number];

/** How an environment signs its model releases (config `modelSigning`, defaults applied). */
export interface ModelSigningSpec {
  /** The signing key's curve. */
  readonly curve: SigningCurve;
  /**
   * The signing key generation in use, from 1. Raising it by one rotates the key: a new key
   * signs, and the previous one stays trusted for `overlapDays`.
   */
  readonly generation: number;
  /** Days verifiers keep accepting the previous generation's key after a rotation. */
  readonly overlapDays: number;
}

/**
 * Where each AWS region's model bucket keeps the trust set (the public keys verifiers accept),
 * beside and outside `models/`: publishers may write under `models/`, only admins here.
 */
export const MODEL_TRUST_SET_KEY = 'model-signing/trust.json';

/** The name of a generation's signing key in the vault. */
export function signingKeyName(generation: number): string {
  return `model-release-g${generation}`;
}

/** One key generation a trust set carries, and why. */
export interface TrustedGeneration {
  readonly generation: number;
  /** `current` signs; `previous` is trusted until the rotation overlap ends (`not_after`). */
  readonly role: 'current' | 'previous';
}

/**
 * The generations a trust set carries while `generation` is in use: the current one, and the
 * previous one, bounded by the overlap. Older generations were retired by an earlier rotation,
 * whose overlap has ended when rotations are at least `overlapDays` apart (the contract's rule).
 */
export function trustedGenerations(generation: number): TrustedGeneration[] {
  if (!Number.isInteger(generation) || generation < 1) {
    throw new Error(`signing key generation must be a whole number from 1, got ${generation}`);
  }
  const current: TrustedGeneration = { generation, role: 'current' };
  return generation === 1 ? [current] : [current, { generation: generation - 1, role: 'previous' }];
}

/**
 * The workloads that sign releases: those running on Azure and granted writes to AWS model
 * stores, the publish path. Signing is part of publishing, so nothing else is granted it.
 */
export function releaseSigners(azureWorkloads: readonly CloudWorkloadIdentity[]): CloudWorkloadIdentity[] {
  return azureWorkloads.filter(
    (w) =>
      w.cloud === 'azure' && w.crossCloud.some((g) => g.cloud === 'aws' && g.store === 'models' && g.mode === 'write'),
  );
}

/**
 * The workloads that verify releases: those running on AWS and granted reads of its model
 * stores. Whoever loads a model verifies it first, so readers of models read the trust set.
 */
export function releaseVerifiers(awsWorkloads: readonly CloudWorkloadIdentity[]): CloudWorkloadIdentity[] {
  return awsWorkloads.filter(
    (w) => w.cloud === 'aws' && w.local.some((g) => g.store === 'models' && g.mode === 'read'),
  );
}
