import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { IdentityDescription } from '../cloud-neutral/parity';
import { serviceAccountSubject, type CloudWorkloadIdentity } from '../cloud-neutral/workload-identity';
import { iamPolicyDocument } from './iam/policy-document';
import {
  awsRegionStoresByName,
  grantsOfStatements,
  storeAccessStatements,
  type AwsRegionStoreNames,
  type AwsRegionStores,
} from './iam/store-access';
import { AwsWorkloadRole } from './iam/workload-role';

/**
 * The IRSA role name of a workload in a region: role names are global to the account, so the
 * region's prefix keeps two regions' roles apart. Known before the role exists, so a bucket
 * policy can name it without a dependency cycle.
 */
export function awsWorkloadRoleName(namePrefix: string, workload: string): string {
  return `${namePrefix}-${workload}`;
}

/** The workload log group of a region: `/workloads/<platform>-<environment>-<region>`. */
export function awsWorkloadLogGroupName(namePrefix: string): string {
  return `/workloads/${namePrefix}`;
}

/** A workload federated into AWS from another cloud, and its account-wide role. */
export interface AwsFederatedWorkload {
  readonly identity: CloudWorkloadIdentity;
  /** Name of its role in the account stack. */
  readonly roleName: string;
  /** ARN of that role. */
  readonly roleArn: string;
  /**
   * The only addresses the role is used from: its cluster's egress. The stores that grant it deny
   * it from anywhere else. Empty for none known (every address).
   */
  readonly sourceCidrs: readonly string[];
  /** What the role was granted on each AWS region's stores, by region, for the identity parity check. */
  readonly grantsByRegion: Readonly<Record<string, IdentityDescription>>;
}

/** Props of {@link grantFederatedStores}. */
export interface FederatedStoreGrantsProps {
  /** The federated workload's role, declared in the same stack as the grants. */
  readonly role: IamRole;
  readonly identity: CloudWorkloadIdentity;
  /** Every AWS region of the environment, with the names of its stores. */
  readonly regions: readonly AwsRegionStoreNames[];
}

/**
 * Grants a federated workload's account-wide role the stores of every region, one inline policy
 * per region (`stores-<region>`), in the stack that declares the role. A region stack attaching
 * them would lose them silently whenever the account stack replaced the role, until that region
 * stack was applied again; here a replaced role is planned with its grants. The stores do not
 * exist yet when the account stack is applied, so they are named by name (awsRegionStoresByName).
 * Returns what was granted, by region.
 */
export function grantFederatedStores(
  scope: Construct,
  id: string,
  props: FederatedStoreGrantsProps,
): Record<string, IdentityDescription> {
  const grants = props.identity.crossCloud.filter((g) => g.cloud === 'aws');
  return Object.fromEntries(
    props.regions.map((names) => {
      const statements = storeAccessStatements(grants, awsRegionStoresByName(names));
      if (statements.length > 0) {
        new IamRolePolicy(scope, `${id}-stores-${names.region}`, {
          name: `stores-${names.region}`,
          role: props.role.id,
          policy: iamPolicyDocument(scope, `${id}-stores-${names.region}-document`, statements).json,
        });
      }
      const description: IdentityDescription = {
        name: props.identity.name,
        cloud: 'aws',
        runsOn: props.identity.cloud,
        grants: grantsOfStatements(statements),
      };
      return [names.region, description];
    }),
  );
}

/** Props of {@link AwsWorkloadIdentities}. */
export interface AwsWorkloadIdentitiesProps {
  /** Role name prefix, `<platform>-<environment>-<region>`: role names are global to the account. */
  readonly namePrefix: string;
  readonly region: string;
  /** The workloads that run on this region's EKS cluster. */
  readonly workloads: readonly CloudWorkloadIdentity[];
  /** The cluster's IAM OIDC provider, which IRSA roles trust. */
  readonly oidcProviderArn: string;
  /**
   * Workloads of another cloud granted this region's stores: their roles and grants are the
   * account stack's (grantFederatedStores); only what was granted here is described.
   */
  readonly federated: readonly AwsFederatedWorkload[];
  /** This region's stores. */
  readonly stores: AwsRegionStores;
}

/**
 * The AWS side of the workload identities of one region: an IRSA role per EKS workload, trusted
 * only for its service account, with exactly the grants config gives it on this region's stores.
 * Workloads federated from Azure hold account-wide roles whose grants the account stack declares
 * beside them (grantFederatedStores).
 */
export class AwsWorkloadIdentities extends Construct {
  /** The IRSA role of each workload that runs here, by workload name. */
  readonly roles: Readonly<Record<string, AwsWorkloadRole>>;
  private readonly descriptions: IdentityDescription[] = [];

  constructor(scope: Construct, id: string, props: AwsWorkloadIdentitiesProps) {
    super(scope, id);
    const roles: Record<string, AwsWorkloadRole> = {};
    for (const workload of props.workloads.filter((w) => w.local.length > 0)) {
      const statements = storeAccessStatements(workload.local, props.stores);
      roles[workload.name] = new AwsWorkloadRole(this, workload.name, {
        name: awsWorkloadRoleName(props.namePrefix, workload.name),
        description: `Workload ${workload.name} on EKS (${workload.namespace}/${workload.serviceAccount})`,
        oidcProviderArns: [props.oidcProviderArn],
        subject: serviceAccountSubject(workload.namespace, workload.serviceAccount),
        statements,
      });
      this.descriptions.push({
        name: workload.name,
        cloud: 'aws',
        runsOn: 'aws',
        grants: grantsOfStatements(statements),
      });
    }
    this.roles = roles;
    for (const federated of props.federated) {
      const granted = federated.grantsByRegion[props.region];
      if (granted) this.descriptions.push(granted);
    }
  }

  /** What was granted here, per workload, for the identity parity check. */
  describe(): readonly IdentityDescription[] {
    return this.descriptions;
  }
}
