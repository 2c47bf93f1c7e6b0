/**
 * What a policy rule is: a pure function of one synthesized stack (`cdk.tf.json` as data) that
 * returns the resources breaking it. Rules read what was written, never construct props, so a
 * resource added by a fork or through an escape hatch is checked like any other.
 */
import { resourcesOfType, type StackJson, type StackResource } from '../stack-json';

/** An error fails `cdktf synth`; a warning is reported and must carry a documented suppression. */
export type Severity = 'error' | 'warning';

/** The public controls a rule mirrors, by catalogue. */
export interface PublicControls {
  /** AWS Foundational Security Best Practices control ids (`EKS.1`). */
  readonly awsFsbp?: readonly string[];
  /** CIS Amazon Web Services Foundations Benchmark v3.0.0 sections. */
  readonly cisAws?: readonly string[];
  /** CIS Microsoft Azure Foundations Benchmark v2.0.0 sections. */
  readonly cisAzure?: readonly string[];
  /** checkov check ids (`CKV_AWS_39`). */
  readonly checkov?: readonly string[];
}

/** Environment-wide settings the rules read: config, so an exception is visible, not code. */
export interface PolicyContext {
  /** Production environments must replicate storage and keep keys in HSMs. */
  readonly production: boolean;
  /** The shortest log retention the environment accepts, in days. */
  readonly minimumLogRetentionDays: number;
  /** The Terraform types of the stack that take a `tags` map (from the provider bindings). */
  readonly taggableTypes: ReadonlySet<string>;
}

/** One resource breaking a rule. */
export interface RuleFinding {
  /** The Terraform address (`type.logical_id`) of the resource. */
  readonly address: string;
  /** What is wrong, in one line. */
  readonly problem: string;
}

/** One rule of the pack. */
export interface PolicyRule {
  /** Stable id: `GPUP-<CLOUD>-<AREA>-<n>`, or `GPUP-<AREA>-<n>` for a rule over both clouds. */
  readonly id: string;
  readonly severity: Severity;
  /** What must hold, in one line. */
  readonly title: string;
  /** Why it must hold, in one line. */
  readonly rationale: string;
  /** How to comply, in one line. */
  readonly fix: string;
  /** The Terraform types the rule reports on (it may read others). */
  readonly resourceTypes: readonly string[];
  readonly controls: PublicControls;
  check(stack: StackJson, context: PolicyContext): RuleFinding[];
}

/** A per-resource check: the problem, or undefined when the resource complies. */
export type ResourceCheck = (resource: StackResource, stack: StackJson, context: PolicyContext) => string | undefined;

/** A rule's `check` from a per-resource check run on every resource of `types`. */
export function eachResource(types: readonly string[], check: ResourceCheck): PolicyRule['check'] {
  return (stack, context) =>
    types.flatMap((type) =>
      resourcesOfType(stack, type).flatMap((resource) => {
        const problem = check(resource, stack, context);
        return problem === undefined ? [] : [{ address: resource.address, problem }];
      }),
    );
}

/** The listed requirements that are missing, as one problem (`must set a, b`), or undefined. */
export function missing(requirements: Readonly<Record<string, boolean>>): string | undefined {
  const unmet = Object.entries(requirements)
    .filter(([, met]) => !met)
    .map(([what]) => what);
  return unmet.length > 0 ? `must set ${unmet.join(', ')}` : undefined;
}

/** A value written as a list or a single item, as a list of strings. */
export function strings(value: unknown): string[] {
  return value === undefined || value === null ? [] : [value].flat().map(String);
}
