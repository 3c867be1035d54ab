export * from './queue-names';
export * from './host-reports';
export * from './host-commands';
export * from './host-agent-errors';
export * from './host-agent-gateway-errors';
