import { azureAlertWindow, planTunnelAlarm } from '../../../constructs/cloud-neutral/link-health';

describe('link health plan', () => {
  test('the threshold is the objective as a fraction of a connection’s two tunnels', () => {
    expect(planTunnelAlarm({ minTunnelsUp: 1, alarmAfterMinutes: 15 })).toEqual({
      threshold: 0.5,
      evaluationPeriods: 3,
    });
    expect(planTunnelAlarm({ minTunnelsUp: 2, alarmAfterMinutes: 5 })).toEqual({ threshold: 1, evaluationPeriods: 1 });
  });

  test('delays map to the Azure windows, and others are refused', () => {
    expect(azureAlertWindow(15)).toBe('PT15M');
    expect(azureAlertWindow(60)).toBe('PT1H');
    expect(() => azureAlertWindow(10)).toThrow('alarm delay must be one of 5, 15, 30, 60 minutes, got 10');
  });
});
