import { Annotations, TerraformResource, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { POLICY_RULES, type PolicyRule, type ResourceAttributes } from './policy-rules';

/**
 * The policy gate: runs every rule on every resource of a stack and records each finding as an
 * Annotations error, which fails `cdktf synth` (exit 1) before anything can be deployed.
 */
export class PolicyAspect implements IAspect {
  constructor(private readonly rules: readonly PolicyRule[] = POLICY_RULES) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const type = node.terraformResourceType;
    const rules = this.rules.filter((r) => r.appliesTo.includes(type));
    if (rules.length === 0) return;
    const rendered = node.toTerraform() as { resource: Record<string, Record<string, ResourceAttributes>> };
    const attributes = Object.values(rendered.resource[type])[0];
    for (const rule of rules) {
      const problem = rule.check(type, attributes);
      if (problem)
        Annotations.of(node).addError(`[${rule.id}] ${type} ${node.node.path}: ${problem} (${rule.description})`);
    }
  }
}
