/**
 * Every node pool a synth wrote, read straight from the JSON (EKS managed node groups, the AKS
 * default pool and AKS node pools), and the check that a rendered diagram draws each one with its
 * SKU and node range, and nothing more.
 */
import { parseStackName } from '../../../constructs/cloud-neutral/naming';
import type { Attributes, StackJson } from '../../../constructs/shared/stack-json';
import { ids } from '../../../tools/diagram/chart';
import { escapeLabel } from '../../../tools/diagram/mermaid';

export interface SynthesizedPool {
  readonly environment: string;
  readonly cloud: 'aws' | 'azure';
  readonly region: string;
  readonly name: string;
  readonly sku: string;
  readonly min: number;
  readonly max: number;
}

const values = (stack: StackJson, type: string) => Object.values(stack.resource?.[type] ?? {});

/** An AKS pool's range: its autoscaler bounds, or its fixed count. */
const aksPool = (p: Attributes) => ({
  name: String(p.name),
  sku: String(p.vm_size),
  min: Number(p.min_count ?? p.node_count),
  max: Number(p.max_count ?? p.node_count),
});

export function synthesizedPools(stacks: ReadonlyMap<string, StackJson>): SynthesizedPool[] {
  return [...stacks].flatMap(([name, stack]): SynthesizedPool[] => {
    const parts = parseStackName(name);
    if (!parts?.region) return [];
    const at = { environment: parts.environment, region: parts.region };
    if (parts.kind === 'aws-dist')
      return values(stack, 'aws_eks_node_group').map((g) => {
        const scaling = g.scaling_config as Attributes;
        return {
          ...at,
          cloud: 'aws' as const,
          name: String(g.node_group_name),
          sku: (g.instance_types as string[]).join(', '),
          min: Number(scaling.min_size),
          max: Number(scaling.max_size),
        };
      });
    return [
      ...values(stack, 'azurerm_kubernetes_cluster').map((c) => aksPool(c.default_node_pool as Attributes)),
      ...values(stack, 'azurerm_kubernetes_cluster_node_pool').map(aksPool),
    ].map((p) => ({ ...at, cloud: 'azure' as const, ...p }));
  });
}

/** The pools of `environment` the diagram `text` lacks or draws wrongly, and its pool nodes no synthesized pool explains. */
export function poolDisagreements(pools: readonly SynthesizedPool[], environment: string, text: string): string[] {
  const lines = text.split('\n');
  const mine = pools.filter((p) => p.environment === environment);
  const missing = mine
    .filter((p) => {
      const id = ids.pool(p.cloud, p.region, p.name);
      const line = lines.find((l) => l.trim().startsWith(`${id}["`));
      return (
        !line?.includes(`pool ${escapeLabel(p.name)}<br/>${escapeLabel(p.sku)}`) ||
        !line.includes(`<br/>nodes ${p.min}–${p.max}`)
      );
    })
    .map((p) => `${p.cloud} ${p.region} ${p.name}: not drawn with ${p.sku}, nodes ${p.min}–${p.max}`);
  const drawn = lines.filter((l) => /^\s+(az|aws)_\w+_pool_\w+\["/.test(l)).length;
  return drawn === mine.length ? missing : [...missing, `${drawn} pool nodes drawn for ${mine.length} pools`];
}
