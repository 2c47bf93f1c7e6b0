import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { Offset } from '@cdktf/provider-time/lib/offset';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { suppressPolicyRule } from '../checks/policy/suppressions';
import {
  signingKeyName,
  trustedGenerations,
  type ModelSigningSpec,
  type TrustedGeneration,
} from '../cloud-neutral/model-signing';
import { archiveAuditLogs } from './audit/audit-archive';
import { AzureKeyVault, type AzureKeyVaultProps } from './key-vault';

/** The data actions of Key Vault's built-in Key Vault Crypto Officer: every key operation and rotation policy. */
export const KEY_OFFICER_DATA_ACTIONS = [
  'Microsoft.KeyVault/vaults/keys/*',
  'Microsoft.KeyVault/vaults/keyrotationpolicies/*',
] as const;
/** The one data action that signs with a key. */
export const KEY_SIGN_DATA_ACTION = 'Microsoft.KeyVault/vaults/keys/sign/action';
/**
 * What the publisher needs to sign a release: the sign operation, and the key's public part,
 * which the signer hashes into the bundle's key hint. Key Vault Crypto User would add encrypt,
 * decrypt, wrap, unwrap and verify, none of which signing uses.
 */
export const SIGNER_DATA_ACTIONS = [KEY_SIGN_DATA_ACTION, 'Microsoft.KeyVault/vaults/keys/read'] as const;

/** How long each generation's key is valid: two years, so yearly rotations always find it valid. */
const KEY_LIFETIME_DAYS = 730;
/** Key Vault's notice before expiry, through Event Grid: the latest time to start a rotation. */
const EXPIRY_NOTICE = 'P90D';

/** A principal that signs releases. */
export interface ModelSigner {
  /** The workload's name, for the assignment's description and construct id. */
  readonly name: string;
  /** Its managed identity's principal (object) id. */
  readonly principalId: string;
}

/** Props of {@link AzureModelSigningKey}. */
export interface AzureModelSigningKeyProps extends Omit<
  AzureKeyVaultProps,
  'deployerRole' | 'logAnalyticsWorkspaceId'
> {
  /** Where the vault's audit events go: the region's workspace and its immutable archive. */
  readonly audit: { readonly workspaceId: string; readonly archiveAccountId: string };
  /** The resource group of the vault, where the two custom roles are defined and assignable. */
  readonly resourceGroupId: string;
  /** Custom role names are unique in the tenant: `<platform>-<environment>` keeps them apart. */
  readonly roleNameSuffix: string;
  /** Curve, generation and rotation overlap of the signing key. */
  readonly signing: ModelSigningSpec;
  /** The principals granted the sign operation on the current key, and nothing else. Default: none. */
  readonly signers?: readonly ModelSigner[];
}

/**
 * The environment's model release signing key (docs/model-release-contract.md): a vault of its
 * own, so that nothing granted for encryption keys reaches it, holding one EC key per
 * generation (`EC-HSM` when keys are HSM-protected), `sign` and `verify` only, each with an
 * expiry that is fixed when it is created. The signers get a custom role with the sign operation
 * on the current key alone. The deployer manages keys through a role that excludes signing.
 * Audit events go to Log Analytics and the immutable archive.
 *
 * Every generation stays declared and protected from destroy: a retired key stays in the vault,
 * its releases stay verifiable from the trust set's history, and nobody may sign with it.
 */
export class AzureModelSigningKey extends Construct {
  readonly vault: AzureKeyVault;
  /** The key of each generation so far, by generation. */
  readonly keys: ReadonlyMap<number, KeyVaultKey>;
  /** The key that signs now. */
  readonly currentKey: KeyVaultKey;
  /**
   * The trust set (docs/model-release-format.md): the current key, and after a rotation the
   * previous one until the overlap ends. A Terraform expression over the keys' own public keys.
   */
  readonly trustSet: string;

  constructor(scope: Construct, id: string, props: AzureModelSigningKeyProps) {
    super(scope, id);
    const { signing } = props;
    const definition = (
      roleId: string,
      name: string,
      description: string,
      dataActions: readonly string[],
      not: readonly string[],
    ) =>
      new RoleDefinition(this, roleId, {
        name: `${name} (${props.roleNameSuffix})`,
        scope: props.resourceGroupId,
        description,
        assignableScopes: [props.resourceGroupId],
        permissions: [{ dataActions: [...dataActions], notDataActions: [...not] }],
      });
    const officer = definition(
      'key-officer-role',
      'Model signing key officer',
      'Key Vault Crypto Officer without the sign operation: creates and manages the model signing keys',
      KEY_OFFICER_DATA_ACTIONS,
      [KEY_SIGN_DATA_ACTION],
    );
    const signer = definition(
      'signer-role',
      'Model release signer',
      'Signs model releases with a key, and reads its public part',
      SIGNER_DATA_ACTIONS,
      [],
    );
    this.vault = new AzureKeyVault(this, 'vault', {
      ...props,
      logAnalyticsWorkspaceId: props.audit.workspaceId,
      deployerRole: { roleDefinitionId: officer.roleDefinitionResourceId },
    });
    archiveAuditLogs(this, 'audit-archive', {
      targetResourceId: this.vault.vault.id,
      archiveAccountId: props.audit.archiveAccountId,
      categoryGroup: 'audit',
    });

    const keys = new Map<number, KeyVaultKey>();
    for (let generation = 1; generation <= signing.generation; generation++) {
      keys.set(generation, this.generationKey(generation, signing));
    }
    this.keys = keys;
    this.currentKey = keys.get(signing.generation)!;
    for (const s of props.signers ?? []) {
      new RoleAssignment(this, `signer-${s.name}`, {
        // The key's own ARM id: the role reaches this key only, not the vault's other generations.
        scope: this.currentKey.resourceVersionlessId,
        roleDefinitionId: signer.roleDefinitionResourceId,
        principalId: s.principalId,
        principalType: 'ServicePrincipal',
        description: `${s.name} signs model releases with generation ${signing.generation}`,
      });
    }
    this.trustSet = Fn.jsonencode({
      keys: trustedGenerations(signing.generation).map((g) => this.trustedKey(g, signing)),
    });
  }

  private generationKey(generation: number, signing: ModelSigningSpec): KeyVaultKey {
    // Fixed when the generation is created: the expiry does not move on later plans.
    const expiry = new Offset(this, `expiry-g${generation}`, { offsetDays: KEY_LIFETIME_DAYS });
    const key = new KeyVaultKey(this, `key-g${generation}`, {
      name: signingKeyName(generation),
      keyVaultId: this.vault.vault.id,
      keyType: this.vault.keyProtection === 'hsm' ? 'EC-HSM' : 'EC',
      curve: signing.curve,
      keyOpts: ['sign', 'verify'],
      expirationDate: expiry.rfc3339,
      rotationPolicy: { expireAfter: `P${KEY_LIFETIME_DAYS}D`, notifyBeforeExpiry: EXPIRY_NOTICE },
      lifecycle: { preventDestroy: true },
      dependsOn: [...this.vault.keyPrerequisites],
    });
    suppressPolicyRule(
      key,
      'GPUP-AZ-KEY-1',
      'A version Key Vault rotated in by itself would be missing from every trust set, so verifiers would refuse what it signs: the key rotates by generation (docs/model-release-contract.md, "Rotating the signing key"); each version still expires',
    );
    return key;
  }

  private trustedKey(trusted: TrustedGeneration, signing: ModelSigningSpec): Record<string, string> {
    const pem = this.keys.get(trusted.generation)!.publicKeyPem;
    // The hint is sha256 over the PEM text; azurerm writes the PEM as Go's encoding/pem does,
    // byte for byte what Node's SPKI export gives (docs/model-release-format.md).
    const entry: Record<string, string> = { hint: Fn.sha256(pem), pem };
    if (trusted.role === 'previous') {
      // Created by the apply that rotates: the overlap runs from then.
      const retired = new Offset(this, `retire-g${trusted.generation}`, { offsetDays: signing.overlapDays });
      entry.not_after = retired.rfc3339;
    }
    return entry;
  }
}
