import { architectureModels } from '../../../tools/diagram/architecture';
import { architectureChart, serviceAccount } from '../../../tools/diagram/chart';
import { flowchartProblems, renderFlowchart } from '../../../tools/diagram/mermaid';
import { sharedOutput } from '../../helpers/shared-synth';
import { poolDisagreements, synthesizedPools } from './synthesized-pools';

const { stacks } = sharedOutput('frozen');
const models = architectureModels(stacks);
const prod = models.find((m) => m.environment === 'prod')!;
const text = renderFlowchart(architectureChart(prod));
const lines = text.split('\n');
const lineOf = (start: string) => lines.findIndex((l) => l.trim().startsWith(start));

describe('architecture chart (frozen fixture)', () => {
  test('every environment draws within the subset: no id or edge problem', () => {
    for (const model of models) expect(flowchartProblems(architectureChart(model))).toEqual([]);
  });

  test('Azure, then the link, then AWS; a subgraph per region, named with its stack and holding its cluster', () => {
    expect(lines[0]).toBe('flowchart LR');
    const order = [
      'subgraph azure[',
      'subgraph az_eastus2[',
      'subgraph az_eastus2_cluster[',
      'subgraph link[',
      'subgraph aws[',
      'subgraph aws_account[',
      'subgraph aws_eu_west_1[',
      'subgraph aws_us_east_1[',
    ];
    const positions = order.map(lineOf);
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('subgraph az_eastus2["eastus2 · prod-azure-host-eastus2"]');
    expect(text).toContain('aws_us_east_1_network["VPC gpuplat-prod-us-east-1<br/>10.110.0.0/16"]');
    expect(text).toContain('subgraph az_eastus2_cluster["AKS gpuplat-prod-eastus2 · Kubernetes 1.36"]');
  });

  test('each pool is drawn with its SKU and the node range the synthesized node group or pool scales in', () => {
    expect(poolDisagreements(synthesizedPools(stacks), 'prod', text)).toEqual([]);
    expect(text).toContain(
      'aws_us_east_1_pool_serve["GPU pool serve<br/>p5.48xlarge · h100<br/>nodes 2–8 · on-demand"]',
    );
  });

  test('the link: four tunnels from the Azure gateway to the two VPN connections, each gateway tied to its network', () => {
    expect(
      lines.filter((l) =>
        / link_azure_gateway <==>\|"cn-gpuplat-prod-eastus2-aws-\d-\d · 169\.254\.2[12]\.\d\/30"\| link_vpn_\d$/.test(
          l,
        ),
      ),
    ).toHaveLength(4);
    expect(text).toContain('  az_eastus2_network -.-|"GatewaySubnet"| link_azure_gateway');
    expect(text).toContain('  link_aws_gateway -.-|"attached, routes propagated"| aws_us_east_1_network');
  });

  test('the model path runs container, Azure identity, OIDC provider, role, each region’s bucket', () => {
    const identity = 'az_eastus2_identity_id_gpuplat_prod_eastus2_artifact_publisher';
    expect(text).toContain(
      `  az_eastus2_store_gpuplatprodeastus2models_models -->|"Storage Blob Data Reader"| ${identity}`,
    );
    expect(text).toContain(`  ${identity} -.->|"web identity token"| aws_account_oidc_gpuplat_prod_eastus2`);
    expect(text).toContain(
      '  aws_account_oidc_gpuplat_prod_eastus2 -.->|"AssumeRoleWithWebIdentity"| aws_account_role_gpuplat_prod_artifact_publisher',
    );
    for (const region of ['eu_west_1', 'us_east_1'])
      expect(text).toMatch(
        new RegExp(
          `aws_account_role_gpuplat_prod_artifact_publisher -->\\|"s3:AbortMultipartUpload, s3:PutObject"\\| aws_${region}_store_gpuplat_models_prod_\\w+$`,
          'm',
        ),
      );
  });

  test('the audit sinks: trail to its bucket; the workspace and the archive in the Azure region', () => {
    expect(text).toContain('  aws_account_trail -->|"delivers"| aws_account_trail_bucket');
    expect(text).toContain(
      'aws_account_trail_bucket[("audit bucket gpuplat-prod-audit-222222222222<br/>Object Lock COMPLIANCE 2556 d")]',
    );
    expect(lineOf('az_eastus2_audit_log_analytics_log_gpuplat_prod_eastus2[(')).toBeGreaterThan(
      lineOf('subgraph az_eastus2['),
    );
    expect(lineOf('az_eastus2_audit_archive_gpuplatprodeastus2audit[(')).toBeGreaterThan(
      lineOf('subgraph az_eastus2['),
    );
  });

  test('a service account subject reads as namespace/name', () => {
    expect(serviceAccount('system:serviceaccount:publishing:artifact-publisher')).toBe('publishing/artifact-publisher');
    expect(serviceAccount('repo:org/x:ref')).toBe('repo:org/x:ref');
  });
});
