/** The vSphere Automation API's paths: outside our `/api/v1` prefix. */
export const VSPHERE_ROUTES = ['api/session', 'api/vcenter/{*path}', 'api/cis/{*path}', 'rest/{*path}'];

const VSPHERE_PATH = /^\/(api\/(session|vcenter|cis)|rest)(\/|$)/;

/** Errors on these paths, even of requests that matched no route, answer in the vSphere dialect. */
export const isVspherePath = (path: string): boolean => VSPHERE_PATH.test(path);
