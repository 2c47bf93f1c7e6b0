/**
 * What a policy rule is: a pure function of one synthesized stack (`cdk.tf.json` as data) that
 * returns the resources breaking it. Rules read what was written, never construct props, so a
 * resource added by a fork or through an escape hatch is checked like any other.
 */
import { resourcesOfType, type StackJson, type StackResource } from '../../shared/stack-json';

/** An error fails `cdktf synth`; a warning is reported and must carry a documented suppression. */
export type Severity = 'error' | 'warning';

/**
 * The public controls a rule mirrors, by catalogue. An id is listed only when a public source
 * confirms it and it asks for what the rule asks (not merely something nearby); a catalogue with
 * no such id is left out rather than approximated.
 */
export interface PublicControls {
  /**
   * Security Hub control ids (`EKS.1`) of controls in the AWS Foundational Security Best Practices
   * standard v1.0.0 (Security Hub user guide, "AWS Foundational Security Best Practices standard").
   * Controls Security Hub runs only for other standards (`KMS.4`, `EC2.13`, `S3.17`, ...) are not FSBP.
   */
  readonly awsFsbp?: readonly string[];
  /**
   * CIS Amazon Web Services Foundations Benchmark v3.0.0 recommendation numbers (`5.2`), as mapped
   * in the Security Hub user guide and prowler's `cis_3.0_aws.json`.
   */
  readonly cisAws?: readonly string[];
  /** CIS Microsoft Azure Foundations Benchmark v2.0.0 recommendation numbers (`8.5`). */
  readonly cisAzure?: readonly string[];
  /** checkov check ids (`CKV_AWS_39`) of checks on the Terraform resources the rule reads. */
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
  /** The day support dates are judged on (`YYYY-MM-DD`); absent, dated rules check only what does not age. */
  readonly today?: string;
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
