import { parseValidateOutput, sortDiagnostics } from '../../../tools/validate/diagnostics';
import { stringifyWithLines } from '../../../tools/validate/json-lines';

const config = {
  resource: {
    aws_eks_cluster: { c: { name: 'x', deletion_protection: true } },
    azurerm_resource_group: { rg: { name: 'rg', new_thing: true } },
  },
};
const lines = stringifyWithLines(config);
const lineOf = (fragment: string) => lines.text.split('\n').findIndex((l) => l.includes(fragment)) + 1;
const extraneous = (fragment: string) => ({
  severity: 'error' as const,
  summary: 'Extraneous JSON object property',
  detail: `No argument or block type is named "${fragment}".`,
  range: { filename: 'cdk.tf.json', start: { line: lineOf(fragment) } },
});

describe('sortDiagnostics', () => {
  test("an unknown argument of the older provider's blocks is set apart with its address; elsewhere it is an error", () => {
    const sorted = sortDiagnostics([extraneous('deletion_protection'), extraneous('new_thing')], lines, 'aws_');
    expect(sorted.unknownArguments).toEqual([
      {
        path: ['resource', 'aws_eks_cluster', 'c', 'deletion_protection'],
        address: 'aws_eks_cluster.c',
        attribute: 'deletion_protection',
      },
    ]);
    expect(sorted.errors).toEqual([
      'Extraneous JSON object property: No argument or block type is named "new_thing". at resource.azurerm_resource_group.rg.new_thing',
    ]);
  });

  test('without an older provider in use, every unknown argument is an error', () => {
    expect(sortDiagnostics([extraneous('deletion_protection')], lines).errors).toHaveLength(1);
  });

  test('output that is not JSON is one error carrying it', () => {
    expect(parseValidateOutput('', 'Error: crashed')).toEqual([
      { severity: 'error', summary: 'terraform validate failed', detail: 'Error: crashed' },
    ]);
  });
});
