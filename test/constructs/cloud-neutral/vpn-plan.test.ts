import { cidrContains, mustParseCidr } from '../../../constructs/cloud-neutral/cidr';
import { planVpnTunnels, type VpnPlan } from '../../../constructs/cloud-neutral/vpn-plan';

const host = (address: string) => mustParseCidr(`${address}/32`);

function apipaRange(address: string): boolean {
  const n = host(address).network;
  return n >= host('169.254.21.0').network && n <= host('169.254.22.255').network;
}

describe('VPN tunnel plan', () => {
  // GIVEN the default bases
  const plan: VpnPlan = planVpnTunnels();

  test('plans the documented example', () => {
    expect(plan.instances).toEqual([
      { index: 0, ipConfigurationName: 'vnetGatewayConfig1', apipaAddresses: ['169.254.21.2', '169.254.22.2'] },
      { index: 1, ipConfigurationName: 'vnetGatewayConfig2', apipaAddresses: ['169.254.21.6', '169.254.22.6'] },
    ]);
    expect(
      plan.tunnels.map((t) => [t.connection, t.tunnel, t.insideCidr, t.awsInsideAddress, t.azureInsideAddress]),
    ).toEqual([
      [0, 1, '169.254.21.0/30', '169.254.21.1', '169.254.21.2'],
      [0, 2, '169.254.22.0/30', '169.254.22.1', '169.254.22.2'],
      [1, 1, '169.254.21.4/30', '169.254.21.5', '169.254.21.6'],
      [1, 2, '169.254.22.4/30', '169.254.22.5', '169.254.22.6'],
    ]);
  });

  test('every Azure APIPA address is the Azure side of exactly one AWS tunnel that ends on that instance', () => {
    for (const instance of plan.instances) {
      for (const apipa of instance.apipaAddresses) {
        const tunnels = plan.tunnels.filter((t) => t.azureInsideAddress === apipa);
        expect(tunnels).toHaveLength(1);
        expect(tunnels[0].connection).toBe(instance.index);
      }
    }
    expect(plan.instances.flatMap((i) => i.apipaAddresses)).toHaveLength(plan.tunnels.length);
  });

  test('both BGP addresses of a tunnel lie in its /30, AWS on .1 and Azure on .2', () => {
    for (const t of plan.tunnels) {
      const block = mustParseCidr(t.insideCidr);
      expect(block.prefixLength).toBe(30);
      expect(cidrContains(block, host(t.awsInsideAddress))).toBe(true);
      expect(cidrContains(block, host(t.azureInsideAddress))).toBe(true);
      expect(host(t.awsInsideAddress).network - block.network).toBe(1);
      expect(host(t.azureInsideAddress).network - block.network).toBe(2);
    }
  });

  test('inside CIDRs are distinct', () => {
    expect(new Set(plan.tunnels.map((t) => t.insideCidr)).size).toBe(plan.tunnels.length);
  });

  test('the custom BGP address of the instance a tunnel ends on is the Azure side of that tunnel', () => {
    for (const t of plan.tunnels) {
      const { primary, secondary } = t.customBgpAddresses;
      expect(plan.instances[0].apipaAddresses).toContain(primary);
      expect(plan.instances[1].apipaAddresses).toContain(secondary);
      expect([primary, secondary][t.connection]).toBe(t.azureInsideAddress);
    }
  });

  test('every address lies in 169.254.21.0-169.254.22.255', () => {
    const addresses = plan.tunnels.flatMap((t) => [
      t.awsInsideAddress,
      t.azureInsideAddress,
      t.customBgpAddresses.primary,
      t.customBgpAddresses.secondary,
    ]);
    for (const a of addresses) expect({ a, inRange: apipaRange(a) }).toEqual({ a, inRange: true });
  });

  test('other bases place the tunnels in them', () => {
    const other = planVpnTunnels({ bases: ['169.254.21.8/29', '169.254.22.16/29'] });
    expect(other.tunnels.map((t) => t.insideCidr)).toEqual([
      '169.254.21.8/30',
      '169.254.22.16/30',
      '169.254.21.12/30',
      '169.254.22.20/30',
    ]);
    expect(other.instances.map((i) => i.apipaAddresses)).toEqual([
      ['169.254.21.10', '169.254.22.18'],
      ['169.254.21.14', '169.254.22.22'],
    ]);
  });

  describe('errors', () => {
    test('a base outside the APIPA range is rejected', () => {
      expect(() => planVpnTunnels({ bases: ['169.254.20.0/24', '169.254.22.0/24'] })).toThrow(
        /first APIPA base must lie in Azure's APIPA range 169.254.21.0-169.254.22.255, got "169.254.20.0\/24"/,
      );
      expect(() => planVpnTunnels({ bases: ['169.254.21.0/24', '169.254.22.0/23'] })).toThrow(
        /second APIPA base must lie in .*, got "169.254.22.0\/23"/,
      );
    });

    test('a base too small for two /30s is rejected', () => {
      expect(() => planVpnTunnels({ bases: ['169.254.21.0/30', '169.254.22.0/24'] })).toThrow(
        /first APIPA base must be a \/29 or larger, to hold one \/30 per AWS VPN connection, got "169.254.21.0\/30"/,
      );
    });

    test('overlapping bases are rejected', () => {
      expect(() => planVpnTunnels({ bases: ['169.254.21.0/24', '169.254.21.0/29'] })).toThrow(
        /APIPA bases must not overlap, got "169.254.21.0\/24" and "169.254.21.0\/29"/,
      );
    });

    test('a malformed base names itself', () => {
      expect(() => planVpnTunnels({ bases: ['169.254.21.1/24', '169.254.22.0/24'] })).toThrow(
        /first APIPA base "169.254.21.1\/24" has host bits set/,
      );
    });
  });
});
