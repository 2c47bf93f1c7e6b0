import {
  grantsOfStatements,
  modelStoreStatements,
  storeAccessStatements,
  workloadLogStatements,
} from '../../../../constructs/aws/iam/store-access';

const store = { bucketArn: 'arn:aws:s3:::models-bucket', keyArn: 'arn:aws:kms:us-east-1:1:key/k', region: 'us-east-1' };
const logs = { logGroupArn: 'arn:aws:logs:us-east-1:1:log-group:/workloads/x' };
const s3Actions = (statements: ReturnType<typeof modelStoreStatements>) =>
  statements.flatMap((s) => s.actions).filter((a) => a.startsWith('s3:'));

describe('AWS store access statements', () => {
  test('a writer of models may only put objects under models/, with the bucket key through S3', () => {
    const statements = modelStoreStatements(store, 'write');
    expect(s3Actions(statements).sort()).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
    const s3 = statements.filter((s) => s.actions.some((a) => a.startsWith('s3:')));
    for (const s of s3) expect(s.resources).toEqual(['arn:aws:s3:::models-bucket/models/*']);
    const kms = statements.find((s) => s.actions.includes('kms:GenerateDataKey'))!;
    expect(kms.resources).toEqual([store.keyArn]);
    expect(kms.conditions).toEqual([
      { test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.us-east-1.amazonaws.com'] },
      { test: 'StringEquals', variable: 'kms:EncryptionContext:aws:s3:arn', values: [store.bucketArn] },
    ]);
  });

  test('a reader of models may get and list under models/, get the trust set, and decrypt, nothing else', () => {
    const statements = modelStoreStatements(store, 'read');
    expect([...new Set(s3Actions(statements))].sort()).toEqual([
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
    ]);
    const gets = statements.filter((s) => s.actions.includes('s3:GetObject')).flatMap((s) => s.resources);
    expect(gets.sort()).toEqual([
      'arn:aws:s3:::models-bucket/model-signing/trust.json',
      'arn:aws:s3:::models-bucket/models/*',
    ]);
    const list = statements.find((s) => s.actions.includes('s3:ListBucket'))!;
    expect(list.conditions).toEqual([{ test: 'StringLike', variable: 's3:prefix', values: ['models/*'] }]);
    expect(statements.flatMap((s) => s.actions)).not.toContain('kms:GenerateDataKey');
  });

  test('no statement holds a wildcard action or resource', () => {
    const all = [
      ...modelStoreStatements(store, 'read'),
      ...modelStoreStatements(store, 'write'),
      ...workloadLogStatements(logs),
    ];
    for (const s of all) {
      for (const action of s.actions) expect(action).not.toMatch(/\*$/);
      expect(s.resources).not.toContain('*');
    }
  });

  test('the grants read back from statements are the grants they were built from', () => {
    const grants = [
      { store: 'models', cloud: 'aws', mode: 'read' },
      { store: 'workload-logs', cloud: 'aws', mode: 'write' },
    ] as const;
    const stores = { models: store, 'workload-logs': logs };
    expect(grantsOfStatements(storeAccessStatements(grants, stores))).toEqual(grants);
    expect(
      grantsOfStatements(storeAccessStatements([{ store: 'models', cloud: 'aws', mode: 'write' }], stores)),
    ).toEqual([{ store: 'models', cloud: 'aws', mode: 'write' }]);
  });

  test('a store AWS does not have is a bug, not a silent no-op', () => {
    expect(() =>
      storeAccessStatements([{ store: 'datasets', cloud: 'aws', mode: 'read' }], {
        models: store,
        'workload-logs': logs,
      }),
    ).toThrow('AWS has no datasets store');
  });
});
