import { Aspects, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { StateBackendConfig } from '../config/schema';
import { PolicyGate, STRICT_POLICY, takeGateRendering, type PolicySettings } from '../constructs/checks/policy/gate';
import { PlatformTagsAspect } from '../constructs/shared/tagging';
import { platformTags, type TagSpec } from '../constructs/cloud-neutral/tags';
import { configureBackend } from './backend';
import { prepareStackReferences, renderStack } from './stack-rendering';

/**
 * Set to `off` to synthesize without the policy gate. Only the bench does, to measure the
 * gate's share of synth time; nothing deployable should ever be built that way.
 */
export const POLICY_GATE_ENV = 'GPU_PLATFORM_POLICY_GATE';

/** What every stack of the platform shares. */
export interface PlatformStackProps {
  /** The tag set stamped on every taggable resource of the stack. */
  readonly tags: TagSpec;
  /** Where the stack keeps its Terraform state. */
  readonly backend: StateBackendConfig;
  /** The policy settings and suppressions that reach this stack (`env.policyFor`); default the strictest. */
  readonly policy?: PolicySettings;
}

/**
 * Base of every stack: backend from config and the platform's aspects (tags, then the policy
 * gate). Aspects are added per stack because cdktf 0.21 does not apply aspects added to the App.
 */
export class PlatformStack extends TerraformStack {
  constructor(scope: Construct, name: string, props: PlatformStackProps) {
    super(scope, name);
    configureBackend(this, name, props.backend);
    Aspects.of(this).add(new PlatformTagsAspect(platformTags(props.tags)));
    if (process.env[POLICY_GATE_ENV] !== 'off') Aspects.of(this).add(new PolicyGate(props.policy ?? STRICT_POLICY));
  }

  /** cdktf's preparing pass, minus its walk over plain data (see stack-rendering.ts). */
  override prepareStack(): void {
    prepareStackReferences(this);
  }

  /**
   * What the gate read, when it ran in this synth (the stack is rendered once, not twice);
   * otherwise cdktf's rendering, minus its walks over plain data (see stack-rendering.ts).
   */
  override toTerraform(): Record<string, unknown> {
    return (takeGateRendering(this) as Record<string, unknown> | undefined) ?? renderStack(this);
  }
}
