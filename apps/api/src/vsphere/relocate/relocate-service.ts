import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CommandContext } from '@fsr/application';
import { RelocateCommand } from '../../control-plane/relocate/relocate.command';
import { Projector } from '@fsr/infrastructure';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/tokens';
import { invalidArgument, notFound, VsphereError } from '../errors/vsphere-error';
import type { LongCallResult } from '../hardware/reconfigure';
import { VsphereIds } from '../ids/vsphere-ids';
import { OperationOutcome } from '../operations/operation-outcome';
import { mapOf, parseSpec } from '../dialects/parse-spec';
import { diskKey } from '../vm/vm-info';
import { VmLookup } from '../vm/vm-lookup';
import { VmPlacement } from '../vm/vm-placement';

const moid = z.string().min(1).max(80);
const relocateSpec = z.strictObject({
  placement: z
    .strictObject({ folder: moid.optional(), resource_pool: moid.optional(), host: moid.optional(), cluster: moid.optional(), datastore: moid.optional() })
    .optional(),
  disks: mapOf(z.strictObject({ datastore: moid.optional() })).optional(),
});

const unsupported = (message: string) => new VsphereError('UNSUPPORTED', message, 'fsr.unsupported');

/** VM.relocate onto our relocation: Storage vMotion powered on, a cold copy powered off. */
@Injectable()
export class RelocateService {
  constructor(
    private readonly commands: CommandBus,
    private readonly lookup: VmLookup,
    private readonly ids: VsphereIds,
    private readonly placement: VmPlacement,
    private readonly projector: Projector,
    private readonly outcome: OperationOutcome,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async relocate(vmMoid: string, body: unknown, context: CommandContext, asTask: boolean): Promise<LongCallResult> {
    const spec = parseSpec(relocateSpec, body, 'VM.RelocateSpec');
    const vm = await this.lookup.get(vmMoid);
    const { placement = {} } = spec;
    const host = placement.host === undefined ? vm.hostId : await this.ids.ourIdOf('host', placement.host);
    if (host === undefined) throw notFound('host', placement.host!);
    if (host !== vm.hostId) {
      throw unsupported(`placement.host: moving ${vmMoid} to another host (compute vMotion) is not supported; only its storage moves`);
    }
    await this.placement.resolve({ ...placement, host: undefined, datastore: undefined });
    const datastoreId = await this.targetDatastore(vm.disks.length, placement.datastore, spec.disks);
    if (vm.disks.every((disk) => disk.datastoreId === datastoreId)) return { done: true };
    const { operationId, position } = await this.commands.execute<RelocateCommand, { operationId: string; position: bigint | null }>(
      new RelocateCommand(vm.id, { datastoreId, mode: 'distributed', maxCopyMiBps: this.config.vsphereRelocateMaxCopyMiBps }, {}, context),
    );
    if (position !== null) await this.projector.waitUntil(position);
    if (asTask) return { task: operationId };
    await this.outcome.waitForSuccess(operationId);
    return { done: true };
  }

  /** One datastore for every disk: placement.datastore, or the one every entry of the disks map names. */
  private async targetDatastore(diskCount: number, placed: string | undefined, disks: Record<string, { datastore?: string }> | undefined) {
    const keys = Array.from({ length: diskCount }, (_, index) => diskKey(index));
    for (const key of Object.keys(disks ?? {})) {
      if (!keys.includes(key)) throw invalidArgument(`disks: ${key} is not a disk of this VM (its disks are ${keys.join(', ')})`, [key]);
    }
    const named = new Set([placed, ...Object.values(disks ?? {}).map((disk) => disk.datastore ?? placed)].filter((id): id is string => id !== undefined));
    if (named.size === 0) throw invalidArgument('Name the target datastore in placement.datastore or in disks');
    if (named.size > 1) throw unsupported('disks: every disk of a VM moves to the same datastore here; name one datastore');
    if (disks && placed === undefined && Object.keys(disks).length < diskCount) {
      throw unsupported(`disks: name every disk (${keys.join(', ')}) or use placement.datastore; disks of one VM stay together`);
    }
    return this.placement.datastoreOf([...named][0]);
  }
}
