import { TerraformProvider, TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * The `azure/azapi` provider, for the few ARM properties azurerm 4.55 lacks. No prebuilt cdktf
 * binding exists for it and `cdktf get` needs the network, so the provider and its one resource
 * type are declared by hand on cdktf's base classes and tested on the synthesized JSON.
 */
// Pinned exactly, as aws, azurerm and time are: azapi validates request bodies against the API
// definitions it embeds, and 2.0.x embeds no Microsoft.Network 2024-05-01 (the flow logs' version).
const AZAPI = { providerName: 'azapi', providerVersionConstraint: '2.12.0' } as const;
const AZAPI_SOURCE = 'azure/azapi';

/** Props of {@link AzapiProvider}: the subscription and tenant, as azurerm's. */
export interface AzapiProviderProps {
  readonly subscriptionId: string;
  readonly tenantId: string;
}

export class AzapiProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: AzapiProviderProps,
  ) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: AZAPI,
      terraformProviderSource: AZAPI_SOURCE,
    });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { subscription_id: this.props.subscriptionId, tenant_id: this.props.tenantId };
  }
}

/** Props of {@link AzapiResource}: the arguments of `azapi_resource` this project uses. */
export interface AzapiResourceProps extends TerraformMetaArguments {
  /** `<resource type>@<api version>`, for example `Microsoft.Network/networkWatchers/flowLogs@2024-05-01`. */
  readonly type: string;
  readonly name: string;
  /** The id of the parent resource (a resource group, or the parent of a child resource). */
  readonly parentId: string;
  readonly location: string;
  /** User-assigned identities the resource acts as. Default: none. */
  readonly userAssignedIdentityIds?: readonly string[];
  /** The ARM request body, less `location` and `identity`. */
  readonly body: Record<string, unknown>;
}

/**
 * An ARM resource managed through azapi's `azapi_resource`. It takes a `tags` map, so the
 * platform's tagging aspect and tag checks treat it as every other taggable resource: azapi
 * validates tags against the ARM type at plan (the ARM types this project uses all take them).
 */
export class AzapiResource extends TerraformResource {
  private tagMap?: Record<string, string>;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AzapiResourceProps,
  ) {
    super(scope, id, { terraformResourceType: 'azapi_resource', terraformGeneratorMetadata: AZAPI, ...props });
  }

  /** The resource's ARM id. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  get tags(): Record<string, string> | undefined {
    return this.tagMap;
  }

  set tags(tags: Record<string, string> | undefined) {
    this.tagMap = tags;
  }

  /** The tags as set, as the generated provider classes expose them (see `isTaggable`). */
  get tagsInput(): Record<string, string> | undefined {
    return this.tagMap;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const { type, name, parentId, location, userAssignedIdentityIds, body } = this.props;
    return {
      type,
      name,
      parent_id: parentId,
      location,
      identity: userAssignedIdentityIds && [{ type: 'UserAssigned', identity_ids: [...userAssignedIdentityIds] }],
      tags: this.tagMap,
      body,
    };
  }
}
