import { getReferencesInExpression } from '@cdktf/hcl2json';
import { declarationOf, templateReferences, undeclaredReferences } from '../../../constructs/checks/references';
import type { StackJson } from '../../../constructs/shared/stack-json';
import { SHARED_SYNTHS, sharedOutput } from '../../helpers/shared-synth';

/** Templates written the ways Terraform JSON allows, each with the declarations it needs. */
const CASES: [string, string[]][] = [
  ['${aws_vpc.main.id}', ['aws_vpc.main']],
  ['arn:${aws_s3_bucket.b.arn}/*', ['aws_s3_bucket.b']],
  [
    '${element(split("oidc-provider/", aws_iam_openid_connect_provider.p.arn), 1)}:aud',
    ['aws_iam_openid_connect_provider.p'],
  ],
  ['${aws_eks_cluster.c.vpc_config[0].cluster_security_group_id}', ['aws_eks_cluster.c']],
  ['${data.aws_iam_policy_document.d.json}', ['data.aws_iam_policy_document.d']],
  ['${data.terraform_remote_state.x.outputs.y}', ['data.terraform_remote_state.x']],
  ['${var.region}-${local.prefix}', ['var.region', 'local.prefix']],
  ['${module.net.vpc_id}', ['module.net']],
  ['${terraform.workspace}${path.module}${count.index}${each.key}', []],
  ['$${aws_vpc.not_a_reference}', []],
  ['${format("%s-${var.inner}", local.outer)}', ['var.inner', 'local.outer']],
  ['${[for s in aws_subnet.a : s.id if s.map_public_ip_on_launch]}', ['aws_subnet.a']],
  ['${{for k, v in var.tags : k => upper(v)}}', ['var.tags']],
  ['${{ name = aws_vpc.main.id, cidr = var.cidr }}', ['aws_vpc.main', 'var.cidr']],
  ['${var.on ? aws_vpc.a.id : aws_vpc.b.id}', ['var.on', 'aws_vpc.a', 'aws_vpc.b']],
  ['${aws_instance.web[*].id}', ['aws_instance.web']],
  ['${provider::aws::arn_parse(aws_s3_bucket.b.arn).region}', ['aws_s3_bucket.b']],
  ['%{ if var.flag }on%{ else }off%{ endif }', ['var.flag']],
  ['no references at all', []],
];

const declarations = (references: string[]) =>
  references.map(declarationOf).filter((d): d is string => d !== undefined);

/** What HashiCorp's own HCL parser (hcl2json, Go's hcl compiled to wasm) reads in a JSON string's template. */
async function hclReferences(template: string): Promise<string[]> {
  const found = await getReferencesInExpression('main.tf', `<<EOT\n${template}\nEOT\n`);
  return declarations(found.map((r) => r.value));
}

describe('templateReferences', () => {
  test.each(CASES)('%s', (template, expected) => {
    expect(declarations(templateReferences(template))).toEqual(expected);
  });

  test('agrees with HashiCorp HCL on every case above', async () => {
    for (const [template] of CASES.filter(([t]) => !t.startsWith('%{'))) {
      expect({ template, references: declarations(templateReferences(template)) }).toEqual({
        template,
        references: await hclReferences(template),
      });
    }
  });

  test('agrees with HashiCorp HCL on every template the shared synths write', async () => {
    const templates = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string' && value.includes('${')) templates.add(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const name of Object.keys(SHARED_SYNTHS) as (keyof typeof SHARED_SYNTHS)[])
      for (const stack of sharedOutput(name).stacks.values()) collect(stack);
    expect(templates.size).toBeGreaterThan(200);
    const disagreements: string[] = [];
    for (const template of templates) {
      const ours = declarations(templateReferences(template)).sort();
      const theirs = (await hclReferences(template)).sort();
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) disagreements.push(`${template}: ${ours} vs ${theirs}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('undeclaredReferences', () => {
  const meta = (path: string) => ({ '//': { metadata: { path, uniqueId: 'x' } } });
  const stack = (resources: Record<string, Record<string, unknown>>, extra: Partial<StackJson> = {}): StackJson =>
    ({ terraform: { backend: {} }, resource: resources, ...extra }) as StackJson;

  test('a reference to a resource of another stack is found, with where it is written', () => {
    const found = undeclaredReferences(
      stack({
        aws_iam_role: {
          role: { ...meta('dist/eks/role'), name: 'r', permissions_boundary: '${aws_iam_policy.boundary.arn}' },
        },
      }),
    );
    expect(found).toEqual([
      {
        address: 'aws_iam_role.role',
        path: 'dist/eks/role',
        attribute: 'permissions_boundary',
        reference: 'aws_iam_policy.boundary.arn',
      },
    ]);
  });

  test('a reference deep in nested blocks is named by its full attribute path', () => {
    const found = undeclaredReferences(
      stack({
        aws_security_group: {
          sg: {
            ingress: [{ cidr_blocks: ['10.0.0.0/8'] }, { cidr_blocks: ['10.1.0.0/16', '${aws_vpc.gone.cidr_block}'] }],
          },
        },
      }),
    );
    expect(found.map((f) => `${f.attribute} ${f.reference}`)).toEqual([
      'ingress[1].cidr_blocks[1] aws_vpc.gone.cidr_block',
    ]);
  });

  test('depends_on, outputs, locals and providers are read too', () => {
    const found = undeclaredReferences(
      stack(
        { aws_vpc: { main: { depends_on: ['aws_iam_role.gone'], cidr_block: '10.0.0.0/16' } } },
        {
          output: { o: { value: '${aws_subnet.gone.id}' } },
          locals: { l: '${var.gone}' },
          provider: { aws: [{ region: '${local.gone}' }] },
        },
      ),
    );
    expect(found.map((f) => `${f.address} ${f.attribute} ${f.reference}`)).toEqual([
      'aws_vpc.main depends_on[0] aws_iam_role.gone',
      'output.o value aws_subnet.gone.id',
      'local.l value var.gone',
      'provider.aws[0] region local.gone',
    ]);
  });

  test('what the stack declares, and what a dynamic block binds, is found nowhere', () => {
    expect(
      undeclaredReferences(
        stack(
          {
            aws_vpc: { main: { cidr_block: '${var.cidr}' } },
            aws_security_group: {
              sg: {
                vpc_id: '${aws_vpc.main.id}',
                depends_on: ['aws_vpc.main'],
                dynamic: { ingress: { for_each: '${local.rules}', content: { from_port: '${ingress.value}' } } },
              },
            },
          },
          {
            variable: { cidr: { type: 'string' } },
            locals: { rules: [22] },
            data: { aws_region: { current: {} } },
            output: { region: { value: '${data.aws_region.current.name}' } },
          },
        ),
      ),
    ).toEqual([]);
  });

  test('the shared synths have none', () => {
    for (const name of Object.keys(SHARED_SYNTHS) as (keyof typeof SHARED_SYNTHS)[])
      for (const [stackName, json] of sharedOutput(name).stacks)
        expect({ stack: `${name}/${stackName}`, found: undeclaredReferences(json) }).toEqual({
          stack: `${name}/${stackName}`,
          found: [],
        });
  });
});
