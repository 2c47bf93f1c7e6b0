import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { IdentityDescription } from '../cloud-neutral/parity';
import { serviceAccountSubject, type CloudWorkloadIdentity } from '../cloud-neutral/workload-identity';
import { iamPolicyDocument } from './iam/policy-document';
import { grantsOfStatements, storeAccessStatements, type AwsRegionStores } from './iam/store-access';
import { AwsWorkloadRole } from './iam/workload-role';

/**
 * The IRSA role name of a workload in a region: role names are global to the account, so the
 * region's prefix keeps two regions' roles apart. Known before the role exists, so a bucket
 * policy can name it without a dependency cycle.
 */
export function awsWorkloadRoleName(namePrefix: string, workload: string): string {
  return `${namePrefix}-${workload}`;
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
  /** Workloads of another cloud granted this region's stores, through their account-wide roles. */
  readonly federated: readonly AwsFederatedWorkload[];
  /** This region's stores. */
  readonly stores: AwsRegionStores;
}

/**
 * The AWS side of the workload identities of one region: an IRSA role per EKS workload, trusted
 * only for its service account, with exactly the grants config gives it on this region's stores;
 * and, for each workload federated from Azure, an inline policy on its account-wide role
 * granting this region's stores (one policy per region, so a second region adds a policy rather
 * than declaring the role again).
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
    for (const { identity, roleName } of props.federated) {
      const statements = storeAccessStatements(
        identity.crossCloud.filter((g) => g.cloud === 'aws'),
        props.stores,
      );
      new IamRolePolicy(this, `${identity.name}-federated`, {
        name: `access-${props.region}`,
        role: roleName,
        policy: iamPolicyDocument(this, `${identity.name}-federated-document`, statements).json,
      });
      this.descriptions.push({
        name: identity.name,
        cloud: 'aws',
        runsOn: identity.cloud,
        grants: grantsOfStatements(statements),
      });
    }
  }

  /** What was granted here, per workload, for the identity parity check. */
  describe(): readonly IdentityDescription[] {
    return this.descriptions;
  }
}
