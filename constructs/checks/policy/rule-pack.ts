/** Every rule of the policy gate, in the order docs/policy.md lists them. */
import type { PolicyRule } from './rule';
import { AWS_EKS_RULES } from './rules/aws-eks';
import { AWS_IAM_RULES } from './rules/aws-iam';
import { AWS_KMS_RULES } from './rules/aws-kms';
import { AWS_LOG_RULES } from './rules/aws-logs';
import { AWS_NETWORK_RULES } from './rules/aws-network';
import { AWS_NODE_RULES } from './rules/aws-nodes';
import { AWS_S3_RULES } from './rules/aws-s3';
import { AZURE_AKS_RULES } from './rules/azure-aks';
import { AZURE_KEY_VAULT_RULES } from './rules/azure-key-vault';
import { AZURE_LOG_RULES } from './rules/azure-logs';
import { AZURE_NETWORK_RULES } from './rules/azure-network';
import { AZURE_STORAGE_RULES } from './rules/azure-storage';
import { DATA_PROTECTION_RULES } from './rules/data-protection';
import { KUBERNETES_VERSION_RULES } from './rules/kubernetes-version';
import { NETWORK_EXPOSURE_RULES } from './rules/network-exposure';
import { TAG_RULES } from './rules/tags';

export const RULE_PACK: readonly PolicyRule[] = [
  ...AWS_EKS_RULES,
  ...AZURE_AKS_RULES,
  ...KUBERNETES_VERSION_RULES,
  ...AWS_NODE_RULES,
  ...NETWORK_EXPOSURE_RULES,
  ...AWS_NETWORK_RULES,
  ...AZURE_NETWORK_RULES,
  ...AWS_S3_RULES,
  ...AZURE_STORAGE_RULES,
  ...AWS_KMS_RULES,
  ...AZURE_KEY_VAULT_RULES,
  ...AWS_LOG_RULES,
  ...AZURE_LOG_RULES,
  ...AWS_IAM_RULES,
  ...TAG_RULES,
  ...DATA_PROTECTION_RULES,
];
