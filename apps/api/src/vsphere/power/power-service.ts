import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandContext } from '@fsr/application';
import { PowerVmCommand } from '../../control-plane/power-vm/power-vm.command';
import { Projector } from '@fsr/infrastructure';
import { VsphereError } from '../errors/vsphere-error';
import { powerStateOf } from '../vm/vm-info';
import { VmLookup } from '../vm/vm-lookup';

export const POWER_ACTIONS = ['start', 'stop', 'suspend', 'reset'] as const;
export type PowerAction = (typeof POWER_ACTIONS)[number];

type PowerState = ReturnType<typeof powerStateOf>;
type OurAction = PowerVmCommand['action'];

/** Each action: the state it leads to, and our power command from each state it may start in. */
const PLAN: Record<PowerAction, { target: PowerState | null; from: Partial<Record<PowerState, OurAction[]>> }> = {
  start: { target: 'POWERED_ON', from: { POWERED_OFF: ['on'], SUSPENDED: ['on'] } },
  stop: { target: 'POWERED_OFF', from: { POWERED_ON: ['off'], SUSPENDED: ['off'] } },
  suspend: { target: 'SUSPENDED', from: { POWERED_ON: ['suspend'] } },
  reset: { target: null, from: { POWERED_ON: ['off', 'on'] } },
};

/** Power.get and Power.start/stop/suspend/reset onto our power command. */
@Injectable()
export class PowerService {
  constructor(
    private readonly commands: CommandBus,
    private readonly lookup: VmLookup,
    private readonly projector: Projector,
  ) {}

  async get(moid: string) {
    const vm = await this.lookup.get(moid);
    const state = powerStateOf(vm);
    return state === 'POWERED_OFF' ? { state, clean_power_off: true } : { state };
  }

  async act(moid: string, action: string, context: CommandContext): Promise<void> {
    if (!(POWER_ACTIONS as readonly string[]).includes(action)) {
      throw new VsphereError('INVALID_ARGUMENT', `action must be one of ${POWER_ACTIONS.join(', ')}, not ${action || 'nothing'}`, 'fsr.invalid_argument', [action]);
    }
    const vm = await this.lookup.get(moid);
    const state = powerStateOf(vm);
    const plan = PLAN[action as PowerAction];
    if (plan.target === state) {
      throw new VsphereError('ALREADY_IN_DESIRED_STATE', `Virtual machine ${moid} is already ${state}`, 'fsr.already_in_desired_state', [moid, state]);
    }
    const steps = plan.from[state];
    if (!steps) throw new VsphereError('NOT_ALLOWED_IN_CURRENT_STATE', `Virtual machine ${moid} is ${state}: it cannot ${action}`, 'fsr.vm_invalid_power_state', [moid, state]);
    for (const step of steps) {
      const { position } = await this.commands.execute<PowerVmCommand, { position: bigint | null }>(new PowerVmCommand(vm.id, step, {}, context));
      if (position !== null) await this.projector.waitUntil(position);
    }
  }
}
