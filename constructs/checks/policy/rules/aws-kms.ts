/** AWS KMS customer-managed keys. */
import { eachResource, missing, type PolicyRule } from '../rule';

/** The longest waiting period KMS allows before deleting a key: the most time to notice a mistake. */
const MAXIMUM_DELETION_WINDOW_DAYS = 30;

export const AWS_KMS_RULES: readonly PolicyRule[] = [
  {
    id: 'GPUP-AWS-KMS-1',
    severity: 'error',
    title: 'Customer-managed KMS keys rotate yearly and wait 30 days before deletion',
    rationale: 'Rotation limits what one key version protects; a deleted key makes everything it encrypted unreadable',
    fix: `set enable_key_rotation = true and deletion_window_in_days = ${MAXIMUM_DELETION_WINDOW_DAYS}`,
    resourceTypes: ['aws_kms_key'],
    controls: { awsFsbp: ['KMS.3'], cisAws: ['3.6'], checkov: ['CKV_AWS_7'] },
    check: eachResource(['aws_kms_key'], ({ attributes }) =>
      missing({
        'enable_key_rotation = true': attributes.enable_key_rotation === true,
        [`deletion_window_in_days = ${MAXIMUM_DELETION_WINDOW_DAYS}`]:
          Number(attributes.deletion_window_in_days) === MAXIMUM_DELETION_WINDOW_DAYS,
      }),
    ),
  },
];
