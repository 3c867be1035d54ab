export const CONTROL_PLANE_SETTINGS = Symbol('CONTROL_PLANE_SETTINGS');

export interface ControlPlaneSettings {
  /** Datastores are directories under `${dataDir}/datastores`. */
  readonly dataDir: string;
  readonly stunSlaMs: number;
  /** Whether hot-add requests may carry a fault injection (test clusters only). */
  readonly faultInjectionEnabled: boolean;
}
