import { addressesOf, changesPlan, diffStack, diffSynth, leaves, type Json } from '../../../tools/cdktn/stack-diff';

/** A small stack as cdktf writes it. */
function stack(overrides: { version?: string; aws?: Json; cidr?: string; extra?: Record<string, Json> } = {}): Json {
  return {
    '//': {
      metadata: { backend: 'local', stackName: 'dev-link', version: overrides.version ?? '0.21.0' },
      outputs: {},
    },
    terraform: {
      backend: { local: { path: 'terraform.dev-link.tfstate' } },
      required_providers: {
        aws: overrides.aws ?? { source: 'aws', version: '6.25.0' },
        time: { source: 'hashicorp/time', version: '0.13.1' },
      },
    },
    provider: { aws: [{ region: 'us-east-1' }, { alias: 'replica', region: 'us-west-2' }] },
    data: { aws_region: { current: {} } },
    resource: {
      aws_vpc: {
        network: {
          '//': { metadata: { path: 'dev-link/network', uniqueId: 'network' } },
          cidr_block: overrides.cidr ?? '10.0.0.0/16',
          tags: { 'managed-by': 'cdktf', 'kubernetes.io/role/elb': '1' },
        },
        ...overrides.extra,
      },
    },
    output: { vpc_id: { value: '${aws_vpc.network.id}' } },
  };
}

describe('addressesOf', () => {
  test('names each block as Terraform addresses it, pins and library version left out', () => {
    const addresses = addressesOf(stack());
    expect([...addresses.keys()].sort()).toEqual([
      '//',
      'aws_vpc.network',
      'data.aws_region.current',
      'output.vpc_id',
      'provider.aws',
      'provider.aws.replica',
      'terraform.backend',
    ]);
    expect(addresses.get('//')).toEqual({ metadata: { backend: 'local', stackName: 'dev-link' }, outputs: {} });
  });

  test('refuses a document that is not an object', () => {
    expect(() => addressesOf([])).toThrow('a synthesized stack must be a JSON object');
  });
});

describe('leaves', () => {
  test('paths every leaf, quoting keys that are not plain names, and keeps empty containers', () => {
    expect(
      leaves({ tags: { 'kubernetes.io/role': '1', Name: 'x' }, ingress: [], egress: [{ port: 443 }], meta: {} }),
    ).toEqual(
      new Map([
        ['tags["kubernetes.io/role"]', '"1"'],
        ['tags.Name', '"x"'],
        ['ingress', '[]'],
        ['egress[0].port', '443'],
        ['meta', '{}'],
      ]),
    );
  });
});

describe('diffStack', () => {
  test('the same stack under another library version and new pins: no address or attribute change', () => {
    const diff = diffStack(
      'dev-link',
      stack(),
      stack({ version: '0.24.0', aws: { source: 'hashicorp/aws', version: '6.66.0' } }),
    );

    expect(diff).toEqual({
      stack: 'dev-link',
      addresses: 7,
      added: [],
      removed: [],
      changed: [],
      pins: [
        {
          provider: 'aws',
          before: { source: 'aws', version: '6.25.0' },
          after: { source: 'hashicorp/aws', version: '6.66.0' },
        },
      ],
      libraryVersion: { before: '0.21.0', after: '0.24.0' },
    });
  });

  test('reports addresses added and removed, and attributes changed, added and dropped', () => {
    const before = stack({ extra: { old: { cidr_block: '10.9.0.0/16' } } });
    const after = stack({ cidr: '10.1.0.0/16', extra: { fresh: { cidr_block: '10.8.0.0/16' } } }) as {
      resource: { aws_vpc: { network: Record<string, Json> } };
    };
    after.resource.aws_vpc.network.enable_dns_support = true;
    delete (after.resource.aws_vpc.network.tags as Record<string, Json>)['managed-by'];

    const diff = diffStack('dev-link', before, after as Json);

    expect(diff.added).toEqual(['aws_vpc.fresh']);
    expect(diff.removed).toEqual(['aws_vpc.old']);
    expect(diff.changed).toEqual([
      { address: 'aws_vpc.network', path: 'cidr_block', before: '"10.0.0.0/16"', after: '"10.1.0.0/16"' },
      { address: 'aws_vpc.network', path: 'enable_dns_support', after: 'true' },
      { address: 'aws_vpc.network', path: 'tags.managed-by', before: '"cdktf"' },
    ]);
    expect(diff.pins).toEqual([]);
  });

  test('a provider required on one side only is a pin change', () => {
    const after = stack() as { terraform: { required_providers: Record<string, Json> } };
    delete after.terraform.required_providers.time;
    expect(diffStack('s', stack(), after as Json).pins).toEqual([
      { provider: 'time', before: { source: 'hashicorp/time', version: '0.13.1' } },
    ]);
  });
});

describe('diffSynth and changesPlan', () => {
  test('stacks on one side only are reported and change the plan; new pins alone do not', () => {
    const before = new Map([
      ['a', stack()],
      ['b', stack()],
    ]);
    const pinsOnly = new Map([
      ['a', stack({ aws: { source: 'hashicorp/aws', version: '6.66.0' } })],
      ['b', stack()],
    ]);
    expect(changesPlan(diffSynth(before, pinsOnly))).toBe(false);

    const moved = diffSynth(
      before,
      new Map([
        ['a', stack()],
        ['c', stack()],
      ]),
    );
    expect(moved.removedStacks).toEqual(['b']);
    expect(moved.addedStacks).toEqual(['c']);
    expect(moved.stacks.map((s) => s.stack)).toEqual(['a']);
    expect(changesPlan(moved)).toBe(true);

    expect(
      changesPlan(
        diffSynth(
          before,
          new Map([
            ['a', stack({ cidr: '10.1.0.0/16' })],
            ['b', stack()],
          ]),
        ),
      ),
    ).toBe(true);
  });
});
