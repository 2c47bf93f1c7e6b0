/** EKS worker nodes: instance metadata, disks, public addresses, SSH. */
import { block, referencedAddress } from '../../../shared/stack-json';
import { eachResource, missing, type PolicyRule } from '../rule';

/** Terraform writes launch-template booleans as strings (`"true"`) in nested blocks. */
const isTrue = (value: unknown): boolean => String(value) === 'true';

export const AWS_NODE_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AWS-NODE-1',
    severity: 'error',
    title: 'Launch templates require IMDSv2 with a hop limit of 1',
    rationale: 'IMDSv1 and a second hop let any pod read the node role credentials',
    fix: 'set metadata_options { http_tokens = "required", http_put_response_hop_limit = 1 }',
    resourceTypes: ['aws_launch_template'],
    controls: { awsFsbp: ['EC2.170'], cisAws: ['5.6'], checkov: ['CKV_AWS_79', 'CKV_AWS_341'] },
    check: eachResource(['aws_launch_template'], ({ attributes }) => {
      const metadata = block(attributes.metadata_options);
      return missing({
        'metadata_options.http_tokens = "required"': metadata?.http_tokens === 'required',
        'metadata_options.http_put_response_hop_limit = 1': Number(metadata?.http_put_response_hop_limit) === 1,
      });
    }),
  },
  {
    id: 'GPUP-AWS-NODE-2',
    severity: 'error',
    title: 'Launch template volumes are encrypted with a customer-managed KMS key',
    rationale: 'Node disks hold model weights and container layers; the key owner must be able to revoke them',
    fix: 'set block_device_mappings.ebs { encrypted = true, kms_key_id = <aws_kms_key>.arn }',
    resourceTypes: ['aws_launch_template'],
    controls: { awsFsbp: ['EC2.181'] },
    check: eachResource(['aws_launch_template'], ({ attributes }) => {
      const volumes = ((attributes.block_device_mappings as Record<string, unknown>[] | undefined) ?? []).map((m) =>
        block(m.ebs),
      );
      if (volumes.length === 0) return 'declares no block device: the AMI default volume is not encrypted with a CMK';
      const plain = volumes.filter((ebs) => !isTrue(ebs?.encrypted) || !ebs?.kms_key_id);
      return plain.length > 0 ? 'has a volume without encrypted = true and a kms_key_id' : undefined;
    }),
  },
  {
    id: 'GPUP-AWS-NODE-3',
    severity: 'error',
    title: 'Launch templates never give nodes a public IP address',
    rationale: 'Nodes sit in private subnets behind NAT; a public address bypasses every network control',
    fix: 'set network_interfaces.associate_public_ip_address = false',
    resourceTypes: ['aws_launch_template'],
    controls: { awsFsbp: ['EC2.25'], checkov: ['CKV_AWS_88'] },
    check: eachResource(['aws_launch_template'], ({ attributes }) =>
      ((attributes.network_interfaces as Record<string, unknown>[] | undefined) ?? []).some((n) =>
        isTrue(n.associate_public_ip_address),
      )
        ? 'a network interface associates a public IP address'
        : undefined,
    ),
  },
  {
    id: 'GPUP-AWS-NODE-4',
    severity: 'error',
    title: 'EKS node groups use a launch template of the stack and allow no SSH',
    rationale:
      'Without the template the node group falls back to defaults (IMDSv1 allowed, no CMK); SSH keys are unaudited access',
    fix: 'set launch_template to an aws_launch_template of the stack and drop remote_access; use SSM Session Manager',
    resourceTypes: ['aws_eks_node_group'],
    controls: { checkov: ['CKV_AWS_100'] },
    check: eachResource(['aws_eks_node_group'], ({ attributes }) =>
      missing({
        'launch_template to an aws_launch_template':
          referencedAddress(block(attributes.launch_template)?.id)?.startsWith('aws_launch_template.') ?? false,
        'no remote_access': block(attributes.remote_access) === undefined,
      }),
    ),
  },
];
