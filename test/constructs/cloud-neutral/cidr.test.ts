import {
  cidrContains,
  cidrsOverlap,
  formatCidr,
  mustParseCidr,
  parseCidr,
} from '../../../constructs/cloud-neutral/cidr';

describe('cidr', () => {
  test('parses a canonical block', () => {
    expect(parseCidr('10.20.0.0/16')).toEqual({ network: (10 << 24) + (20 << 16), prefixLength: 16 });
  });

  test.each([
    ['10.0.0/16', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
    ['10.0.0.256/24', 'has an octet above 255'],
    ['10.0.0.0/40', 'has a prefix length above 32'],
    ['10.0.0.1/16', 'has host bits set (did you mean 10.0.0.0/16?)'],
  ])('rejects %s', (text, reason) => {
    expect(parseCidr(text)).toBe(reason);
  });

  test('round-trips through format', () => {
    expect(formatCidr(mustParseCidr('172.16.32.0/20'))).toBe('172.16.32.0/20');
  });

  test('overlap is symmetric and exact at the edges', () => {
    const a = mustParseCidr('10.0.0.0/24');
    expect(cidrsOverlap(a, mustParseCidr('10.0.0.128/25'))).toBe(true);
    expect(cidrsOverlap(mustParseCidr('10.0.0.128/25'), a)).toBe(true);
    expect(cidrsOverlap(a, mustParseCidr('10.0.1.0/24'))).toBe(false);
  });

  test('containment', () => {
    expect(cidrContains(mustParseCidr('10.0.0.0/16'), mustParseCidr('10.0.255.0/24'))).toBe(true);
    expect(cidrContains(mustParseCidr('10.0.0.0/16'), mustParseCidr('10.1.0.0/24'))).toBe(false);
  });
});
