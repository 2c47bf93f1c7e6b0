/**
 * The link's service level, cloud-neutral: how many tunnels of each VPN connection must be up,
 * and for how long a shortfall is tolerated before an alarm fires. Pure.
 */

/** Tunnels per VPN connection: AWS gives each connection two. */
export const TUNNELS_PER_CONNECTION = 2;
/** The period of the VPN metrics both clouds alarm on, in seconds. */
export const LINK_METRIC_PERIOD_SECONDS = 300;

/**
 * Alarm delays both clouds can evaluate: CloudWatch counts 5-minute periods, and an Azure metric
 * alert's window is one of PT5M, PT15M, PT30M or PT1H at this length.
 */
export const ALARM_DELAY_MINUTES = [5, 15, 30, 60] as const;

/** The Azure metric alert window of each delay (ISO 8601). */
export function azureAlertWindow(minutes: number): string {
  if (!(ALARM_DELAY_MINUTES as readonly number[]).includes(minutes)) {
    throw new Error(`alarm delay must be one of ${ALARM_DELAY_MINUTES.join(', ')} minutes, got ${minutes}`);
  }
  return minutes === 60 ? 'PT1H' : `PT${minutes}M`;
}

/** The link's objectives, from config. */
export interface LinkObjectives {
  /** Tunnels of each connection that must be up. */
  readonly minTunnelsUp: number;
  /** Minutes below the objective before the alarm fires: one of {@link ALARM_DELAY_MINUTES}. */
  readonly alarmAfterMinutes: number;
}

/** How a tunnel alarm is evaluated, derived from the objectives. */
export interface TunnelAlarmPlan {
  /**
   * The alarm fires below this value of a connection's tunnel state, which each cloud reports as
   * the fraction of its tunnels that are up (AWS `TunnelState` per VPN, averaged over tunnels).
   */
  readonly threshold: number;
  /** Consecutive 5-minute periods below the threshold before the alarm fires. */
  readonly evaluationPeriods: number;
}

export function planTunnelAlarm(objectives: LinkObjectives): TunnelAlarmPlan {
  azureAlertWindow(objectives.alarmAfterMinutes);
  return {
    threshold: objectives.minTunnelsUp / TUNNELS_PER_CONNECTION,
    evaluationPeriods: (objectives.alarmAfterMinutes * 60) / LINK_METRIC_PERIOD_SECONDS,
  };
}
