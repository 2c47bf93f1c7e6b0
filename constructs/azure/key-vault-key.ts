import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import type { Construct } from 'constructs';
import { suppressPolicyRule } from '../checks/policy/suppressions';
import type { AzureKeyVault } from './key-vault';

/**
 * Key rotation. `automatic`: Key Vault makes a new version every 335 days and the old one
 * expires 30 days later, for consumers that follow the versionless id (disk encryption sets,
 * storage accounts). `manual`: for consumers pinned to one version (AKS KMS): the version
 * expires after two years, and Event Grid notifies 395 days before, so a yearly rotation leaves
 * the previous version valid for the year KMS still needs it (docs/gpu-pools.md, "Rotating the KMS key").
 */
export type KeyRotation = 'automatic' | 'manual';

const ROTATION_POLICIES = {
  automatic: { automatic: { timeAfterCreation: 'P335D' }, expireAfter: 'P365D', notifyBeforeExpiry: 'P30D' },
  manual: { expireAfter: 'P730D', notifyBeforeExpiry: 'P395D' },
} as const;

/** Props of {@link vaultKey}. */
export interface VaultKeyProps {
  readonly name: string;
  /** The vault, which decides RSA or RSA-HSM and what the key waits for. */
  readonly vault: AzureKeyVault;
  /** RSA key size in bits. */
  readonly size: 2048 | 3072 | 4096;
  readonly rotation: KeyRotation;
}

/**
 * An RSA key in the platform vault: HSM-backed when the vault is, with a rotation policy and an
 * expiry, protected from destroy, created only once the vault's data plane is reachable and the
 * deployer may write keys ({@link AzureKeyVault.keyPrerequisites}). Created in `scope` under
 * `id`, so existing keys keep their resource addresses.
 */
export function vaultKey(scope: Construct, id: string, props: VaultKeyProps): KeyVaultKey {
  const key = new KeyVaultKey(scope, id, {
    name: props.name,
    keyVaultId: props.vault.vault.id,
    keyType: props.vault.keyProtection === 'hsm' ? 'RSA-HSM' : 'RSA',
    keySize: props.size,
    keyOpts: ['decrypt', 'encrypt', 'sign', 'unwrapKey', 'verify', 'wrapKey'],
    rotationPolicy: ROTATION_POLICIES[props.rotation],
    lifecycle: { preventDestroy: true },
    dependsOn: [...props.vault.keyPrerequisites],
  });
  if (props.rotation === 'manual')
    suppressPolicyRule(
      key,
      'GPUP-AZ-KEY-1',
      'Its consumer pins one key version (AKS KMS): rotation is a cluster update, README "Rotating the KMS key"; the version still expires',
    );
  return key;
}
