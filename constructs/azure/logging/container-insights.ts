import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { Construct } from 'constructs';

/**
 * The streams Container Insights collects, as in Microsoft's managed-identity onboarding sample
 * (microsoft/Docker-Provider, scripts/onboarding/aks/onboarding-msi-terraform).
 */
export const CONTAINER_INSIGHTS_STREAMS = [
  'Microsoft-ContainerLog',
  'Microsoft-ContainerLogV2',
  'Microsoft-KubeEvents',
  'Microsoft-KubePodInventory',
  'Microsoft-KubeNodeInventory',
  'Microsoft-KubePVInventory',
  'Microsoft-KubeServices',
  'Microsoft-KubeMonAgentEvents',
  'Microsoft-InsightsMetrics',
  'Microsoft-ContainerInventory',
  'Microsoft-ContainerNodeInventory',
  'Microsoft-Perf',
] as const;

/** Props of {@link AzureContainerInsights}. */
export interface AzureContainerInsightsProps {
  /** The AKS cluster whose monitoring agent collects. */
  readonly clusterId: string;
  /** The cluster's name, part of the rule's name. */
  readonly clusterName: string;
  readonly resourceGroupName: string;
  /** The workspace's region: a data collection rule lives beside its destination. */
  readonly location: string;
  readonly workspaceId: string;
}

/**
 * What Container Insights needs when the agent authenticates with its managed identity
 * (`msi_auth_for_monitoring_enabled`): a data collection rule naming the streams and the
 * workspace, associated with the cluster. Without them the agent runs and collects nothing.
 */
export class AzureContainerInsights extends Construct {
  readonly rule: MonitorDataCollectionRule;
  readonly association: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: AzureContainerInsightsProps) {
    super(scope, id);
    const streams = [...CONTAINER_INSIGHTS_STREAMS];
    this.rule = new MonitorDataCollectionRule(this, 'rule', {
      name: `MSCI-${props.location}-${props.clusterName}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      description: `Container Insights for ${props.clusterName}`,
      destinations: { logAnalytics: [{ name: 'workspace', workspaceResourceId: props.workspaceId }] },
      dataFlow: [{ streams, destinations: ['workspace'] }],
      dataSources: {
        extension: [
          {
            name: 'ContainerInsightsExtension',
            extensionName: 'ContainerInsights',
            streams,
            extensionJson: JSON.stringify({
              dataCollectionSettings: { interval: '1m', namespaceFilteringMode: 'Off', enableContainerLogV2: true },
            }),
          },
        ],
      },
    });
    this.association = new MonitorDataCollectionRuleAssociation(this, 'association', {
      name: 'ContainerInsightsExtension',
      targetResourceId: props.clusterId,
      dataCollectionRuleId: this.rule.id,
      description: 'Container Insights collection for this cluster; deleting it stops collection',
    });
  }
}
