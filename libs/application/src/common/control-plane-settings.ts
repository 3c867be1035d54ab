export const CONTROL_PLANE_SETTINGS = Symbol('CONTROL_PLANE_SETTINGS');

export interface ControlPlaneSettings {
  /** Datastores are directories under `${dataDir}/datastores`. */
  readonly dataDir: string;
  readonly stunSlaMs: number;
}
