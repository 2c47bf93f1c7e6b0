/**
 * The lineage the statement carries: every problem named with its path, and the names it
 * accepts usable as one segment of `models/<model>/<version>/`.
 */
import { lineageProblems, utcSeconds } from '../../../tools/model-release/lineage';

const GOOD = {
  model: 'llama-guard',
  version: '2026.11.1+rc_2',
  training_run: {
    workspace: '/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w',
    run_id: 'job',
  },
  publisher: { azure_client_id: 'c', aws_role_arn: null },
  published_at: '2026-11-23T10:00:00Z',
};

test('a well-formed lineage has no problems; training_run may be null', () => {
  expect(lineageProblems(GOOD)).toEqual([]);
  expect(lineageProblems({ ...GOOD, training_run: null })).toEqual([]);
});

test('every problem is named with its path', () => {
  const bad = {
    model: '../etc',
    version: '',
    training_run: { workspace: 'w' },
    publisher: { azure_client_id: '', aws_role_arn: null, extra: 1 },
    published_at: '2026-11-23 10:00',
    note: 'x',
  };

  expect(lineageProblems(bad)).toEqual([
    'gpu_platform_release.note is not a known key (known: model, version, training_run, publisher, published_at)',
    'gpu_platform_release.model must be one path segment of letters, digits and . _ + - (got "../etc")',
    'gpu_platform_release.version must be one path segment of letters, digits and . _ + - (got "")',
    'gpu_platform_release.training_run.run_id must be a non-empty string',
    'gpu_platform_release.publisher.extra is not a known key (known: azure_client_id, aws_role_arn)',
    'gpu_platform_release.publisher.azure_client_id must be a non-empty string or null',
    'gpu_platform_release.published_at must be an RFC 3339 UTC time like 2026-11-23T10:00:00Z',
  ]);
  expect(lineageProblems([])).toEqual(['gpu_platform_release must be an object']);
});

test('times are written in UTC to the second', () => {
  expect(utcSeconds(new Date('2026-11-23T10:00:00.987Z'))).toBe('2026-11-23T10:00:00Z');
});
