import { Aspects, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { StateBackendConfig } from '../config/schema';
import { PolicyAspect } from '../constructs/shared/policy';
import { PlatformTagsAspect } from '../constructs/shared/tagging';
import { platformTags, type TagSpec } from '../constructs/spec/tags';
import { configureBackend } from './backend';

/** What every stack of the platform shares. */
export interface PlatformStackProps {
  /** The tag set stamped on every taggable resource of the stack. */
  readonly tags: TagSpec;
  /** Where the stack keeps its Terraform state. */
  readonly backend: StateBackendConfig;
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
    Aspects.of(this).add(new PolicyAspect());
  }
}
