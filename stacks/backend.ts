import * as path from 'path';
import { AzurermBackend, LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { StateBackendConfig } from '../config/schema';

/**
 * Where the local backend keeps state, relative to the stack's working directory
 * (`<outdir>/stacks/<stack>`): beside the output directory, which for the default `cdktf.out`
 * is the project root, where cdktf itself would put it. Relative, so the synthesized JSON and
 * its snapshots are the same on every machine, and outside `cdktf.out`, so cleaning the output
 * never deletes state.
 */
export function localStatePath(stackName: string): string {
  return path.posix.join('..', '..', '..', `terraform.${stackName}.tfstate`);
}

export function stateKey(keyPrefix: string, stackName: string): string {
  return `${keyPrefix}/${stackName}.tfstate`;
}

/**
 * Configures a stack's Terraform backend from config. Cross-stack references read state through
 * the same settings (cdktf derives `terraform_remote_state` from the producing stack's backend).
 */
export function configureBackend(stack: TerraformStack, stackName: string, backend: StateBackendConfig): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(stackName) });
      return;
    case 's3': {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        region: backend.region,
        key: stateKey(backend.keyPrefix, stackName),
        encrypt: true,
        kmsKeyId: backend.kmsKeyArn,
      });
      // cdktf 0.21's S3Backend predates S3-native locking (Terraform >= 1.10); set it directly.
      s3.addOverride('use_lockfile', true);
      return;
    }
    case 'azurerm':
      new AzurermBackend(stack, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: stateKey(backend.keyPrefix, stackName),
        useAzureadAuth: true,
      });
      return;
  }
}
