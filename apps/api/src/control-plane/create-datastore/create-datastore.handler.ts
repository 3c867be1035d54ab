import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { datastoreDecider } from '@fsr/domain';
import { join } from 'node:path';
import { AggregateStore, Aggregates, CONTROL_PLANE_SETTINGS, ControlPlaneSettings, DATASTORE_DIRECTORIES, DatastoreDirectories, appendTo, lastPosition, streams, subjects } from '@fsr/application';
import { CreateDatastoreCommand } from './create-datastore.command';

/** The id derives from the (unique, directory-safe) name, so a second create of the same name conflicts in the log. */
export const datastoreIdFor = (name: string): string => `ds-${name}`;

@CommandHandler(CreateDatastoreCommand)
export class CreateDatastoreHandler implements ICommandHandler<CreateDatastoreCommand> {
  constructor(
    private readonly aggregates: Aggregates,
    private readonly store: AggregateStore,
    @Inject(CONTROL_PLANE_SETTINGS) private readonly settings: ControlPlaneSettings,
    @Inject(DATASTORE_DIRECTORIES) private readonly directories: DatastoreDirectories,
  ) {}

  async execute({ name, capacityGiB, context }: CreateDatastoreCommand) {
    const datastoreId = datastoreIdFor(name);
    const datastore = await this.aggregates.datastore(datastoreId);
    const path = join(this.settings.dataDir, 'datastores', name);
    const events = datastoreDecider.decide({ type: 'create', datastoreId, name, capacityGiB, path }, datastore.state);
    await this.directories.create(path);
    const recorded = await this.store.append(
      [appendTo(streams.datastore(datastoreId), datastore, events, [subjects.datastore(datastoreId)])],
      context,
    );
    return { datastoreId, position: lastPosition(recorded) };
  }
}
