/**
 * Suppressions: one rule waived on one resource, with a written reason. They come from config
 * (`environments.<env>.policy.suppressions`) or from the construct that owns the resource
 * (`suppressPolicyRule`). Every suppression appears in every report; one without a reason, for
 * an unknown rule, or that matches no finding is itself an error, so none outlives its cause.
 */
import type { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The shortest reason a suppression may give: enough for a sentence, not a shrug. */
export const MINIMUM_REASON_LENGTH = 10;

/** Where a suppression is declared, for the report. */
export type SuppressionSource = 'config' | 'construct';

/** One rule waived on one resource. */
export interface Suppression {
  /** The rule id, for example `GPUP-AZ-ST-6`. */
  readonly rule: string;
  /** The resource's construct path (`dev-azure-host-eastus2/flow-log-storage/account`). */
  readonly resource: string;
  /** Why the rule does not apply here, in a sentence. */
  readonly reason: string;
  readonly source: SuppressionSource;
  /**
   * For a config suppression, its config path (`environments.dev.policy.suppressions[0]`). One
   * config suppression reaches every stack of its kind: whether it matches nothing is judged
   * across them all, after synth, not by each stack's gate.
   */
  readonly configPath?: string;
}

const METADATA_TYPE = 'gpu-platform/policy-suppression';

/**
 * Waives `rule` on `resource`, the Terraform resource a construct owns, with the reason written
 * next to the code that needs it. The gate reports it, and fails the synth if the reason is
 * shorter than {@link MINIMUM_REASON_LENGTH} or the rule does not fire on the resource.
 */
export function suppressPolicyRule(resource: TerraformResource, rule: string, reason: string): void {
  resource.node.addMetadata(METADATA_TYPE, { rule, reason });
}

/** The suppressions declared on a construct with {@link suppressPolicyRule}. */
export function constructSuppressions(node: IConstruct): Suppression[] {
  return node.node.metadata
    .filter((m) => m.type === METADATA_TYPE)
    .map((m) => {
      const { rule, reason } = m.data as { rule: string; reason: string };
      return { rule, reason, resource: node.node.path, source: 'construct' as const };
    });
}

/** What is wrong with a suppression on its own (before matching), or undefined. */
export function suppressionDefect(suppression: Suppression, ruleIds: ReadonlySet<string>): string | undefined {
  if ((suppression.reason ?? '').trim().length < MINIMUM_REASON_LENGTH)
    return `suppression of ${suppression.rule} on ${suppression.resource} needs a reason of at least ${MINIMUM_REASON_LENGTH} characters`;
  if (!ruleIds.has(suppression.rule)) return `suppression names ${suppression.rule}, which is no rule of the pack`;
  return undefined;
}
