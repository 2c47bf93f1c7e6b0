import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { Offset } from '@cdktf/provider-time/lib/offset';
import type { Construct } from 'constructs';
import type { AzureKeyVault } from './key-vault';

/**
 * Key rotation. Key Vault makes a new version of every key every 335 days. `versionless`: for
 * consumers that follow the versionless id (disk encryption sets, storage accounts), so a version
 * expires a year after its creation, 30 days after the next one replaced it. `pinned`: for a
 * consumer pinned to one version (AKS KMS), which moves to the new version at the next deploy
 * (see `AzureAksCluster`): a version expires two years after its creation, so the one the
 * cluster uses stays valid for 395 days after rotation, and Event Grid's near-expiry event fires
 * on the day of rotation (docs/security-azure.md, "Keys").
 */
export type KeyRotation = 'versionless' | 'pinned';

/** Days after creation Key Vault rotates a key: a year less the month the versionless policy overlaps. */
const ROTATE_AFTER_DAYS = 335;

/** Days each version of a key lives, by rotation. */
export const KEY_EXPIRY_DAYS: Readonly<Record<KeyRotation, number>> = { versionless: 365, pinned: 730 };

function rotationPolicy(rotation: KeyRotation) {
  const expiry = KEY_EXPIRY_DAYS[rotation];
  return {
    automatic: { timeAfterCreation: `P${ROTATE_AFTER_DAYS}D` },
    expireAfter: `P${expiry}D`,
    notifyBeforeExpiry: `P${expiry - ROTATE_AFTER_DAYS}D`,
  };
}

/**
 * What a key does, and so the only operations it allows: `wrap` for envelope encryption by Azure
 * services (storage accounts and disk encryption sets wrap and unwrap their data keys), `encrypt`
 * for AKS KMS, whose plugin encrypts and decrypts the data encryption keys of etcd with the key.
 */
export type KeyUse = 'wrap' | 'encrypt';

export const KEY_OPERATIONS: Readonly<Record<KeyUse, readonly string[]>> = {
  wrap: ['unwrapKey', 'wrapKey'],
  encrypt: ['decrypt', 'encrypt'],
};

/** Props of {@link vaultKey}. */
export interface VaultKeyProps {
  readonly name: string;
  /** The vault, which decides RSA or RSA-HSM and what the key waits for. */
  readonly vault: AzureKeyVault;
  /** RSA key size in bits. */
  readonly size: 2048 | 3072 | 4096;
  readonly rotation: KeyRotation;
  readonly use: KeyUse;
}

/**
 * An RSA key in a platform vault: HSM-backed when the vault is, allowed only the operations of
 * its use, rotated by Key Vault on a schedule, protected from destroy, created only once the
 * vault's data plane is reachable and the deployer may write keys
 * ({@link AzureKeyVault.keyPrerequisites}). Created in `scope` under `id`, so existing keys keep
 * their resource addresses.
 *
 * `rotation_policy.expire_after` reaches only the versions rotation creates (azurerm v4.55.0
 * key_vault_key_resource.go:351-380 creates the key, then sets the policy), so the first version
 * gets its `expiration_date` from a `time_offset` (`<id>-expiry`) fixed at creation: it never
 * changes on a later plan, as `timestamp()` would. The provider reads `expiration_date` from the
 * newest version (key_vault_key_resource.go:510, :557), which rotation replaces with its own, so
 * the key ignores later changes to it: the first version's date is set once, at creation.
 */
export function vaultKey(scope: Construct, id: string, props: VaultKeyProps): KeyVaultKey {
  const expiry = new Offset(scope, `${id}-expiry`, { offsetDays: KEY_EXPIRY_DAYS[props.rotation] });
  return new KeyVaultKey(scope, id, {
    name: props.name,
    keyVaultId: props.vault.vault.id,
    keyType: props.vault.keyProtection === 'hsm' ? 'RSA-HSM' : 'RSA',
    keySize: props.size,
    keyOpts: [...KEY_OPERATIONS[props.use]],
    expirationDate: expiry.rfc3339,
    rotationPolicy: rotationPolicy(props.rotation),
    lifecycle: { preventDestroy: true, ignoreChanges: ['expiration_date'] },
    dependsOn: [...props.vault.keyPrerequisites],
  });
}
