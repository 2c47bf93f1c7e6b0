import { removeAt, stringifyWithLines } from '../../../tools/validate/json-lines';
import { sharedOutput } from '../../helpers/shared-synth';

describe('stringifyWithLines', () => {
  test('writes what JSON.stringify(value, null, 2) writes, on a whole synthesized stack', () => {
    const stack = sharedOutput('frozen').stacks.get('prod-link')!;
    expect(stringifyWithLines(stack).text).toBe(JSON.stringify(stack, null, 2));
  });

  test('gives the path of the value each line opens; closing lines belong to what they close', () => {
    const value = { resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16', tags: {}, list: [1, { a: true }] } } } };
    const { text, pathAt } = stringifyWithLines(value);
    const lines = text.split('\n');
    const at = (fragment: string) => pathAt(lines.findIndex((l) => l.includes(fragment)) + 1);
    expect(at('"cidr_block"')).toEqual(['resource', 'aws_vpc', 'main', 'cidr_block']);
    expect(at('"tags": {}')).toEqual(['resource', 'aws_vpc', 'main', 'tags']);
    expect(at('"a": true')).toEqual(['resource', 'aws_vpc', 'main', 'list', 1, 'a']);
    expect(pathAt(1)).toEqual([]);
    expect(pathAt(lines.length)).toEqual(pathAt(lines.length - 1));
  });
});

describe('removeAt', () => {
  test('removes an object key or an array item, and says whether it found one', () => {
    const value = { a: { b: 1, c: [1, 2, 3] } };
    expect(removeAt(value, ['a', 'b'])).toBe(true);
    expect(removeAt(value, ['a', 'c', 1])).toBe(true);
    expect(removeAt(value, ['a', 'x'])).toBe(false);
    expect(value).toEqual({ a: { c: [1, 3] } });
  });
});
