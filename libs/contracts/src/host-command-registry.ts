import { z } from 'zod';
import {
  copyDisksCommandSchema,
  createDisksCommandSchema,
  deleteDisksCommandSchema,
  discardSwitchoverCommandSchema,
  diskCopyStatusSchema,
  executeSwitchoverCommandSchema,
  inspectMemoryCommandSchema,
  memoryInspectionSchema,
  powerOffCommandSchema,
  powerOnCommandSchema,
  powerOnResultSchema,
  prepareSwitchoverCommandSchema,
  prepareSwitchoverResultSchema,
  setWorkloadCommandSchema,
  switchoverResultSchema,
  switchoverStatusCommandSchema,
  switchoverStatusSchema,
} from './host-commands';

const none = z.null();

/** Every host-agent command: its payload and its answer. The gateway and the agent's handler table share it. */
export const HOST_COMMANDS = {
  'vm.power-on': { payload: powerOnCommandSchema, result: powerOnResultSchema },
  'vm.power-off': { payload: powerOffCommandSchema, result: none },
  'vm.create-disks': { payload: createDisksCommandSchema, result: none },
  'vm.delete-disks': { payload: deleteDisksCommandSchema, result: none },
  'vm.set-workload': { payload: setWorkloadCommandSchema, result: none },
  'fsr.prepare': { payload: prepareSwitchoverCommandSchema, result: prepareSwitchoverResultSchema },
  'fsr.switch-over': { payload: executeSwitchoverCommandSchema, result: switchoverResultSchema },
  'fsr.discard': { payload: discardSwitchoverCommandSchema, result: none },
  'storage.copy-disks': { payload: copyDisksCommandSchema, result: diskCopyStatusSchema },
  'host.inspect-memory': { payload: inspectMemoryCommandSchema, result: memoryInspectionSchema },
  'fsr.status': { payload: switchoverStatusCommandSchema, result: switchoverStatusSchema },
} as const;

export type HostCommandType = keyof typeof HOST_COMMANDS;
export type HostCommandOf<T extends HostCommandType> = z.infer<(typeof HOST_COMMANDS)[T]['payload']>;
export type HostCommandResult<T extends HostCommandType> = z.infer<(typeof HOST_COMMANDS)[T]['result']>;
export type AgentCommand = { [T in HostCommandType]: HostCommandOf<T> }[HostCommandType];

export const isHostCommandType = (name: string): name is HostCommandType => Object.hasOwn(HOST_COMMANDS, name);

// TypeScript cannot follow a generic key into the table; these two are where it is told, once.
export const payloadSchemaOf = <T extends HostCommandType>(type: T) => HOST_COMMANDS[type].payload as unknown as z.ZodType<HostCommandOf<T>>;
export const resultSchemaOf = <T extends HostCommandType>(type: T) => HOST_COMMANDS[type].result as unknown as z.ZodType<HostCommandResult<T>>;

/** Where a value breaks its schema, in a line a person can act on: `disks.0.path: expected string, received undefined`. */
export function describeProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(the value)'}: ${issue.message}`)
    .join('; ');
}
