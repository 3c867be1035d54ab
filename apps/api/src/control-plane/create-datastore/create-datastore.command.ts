import { CommandContext } from '@fsr/application';

export class CreateDatastoreCommand {
  constructor(
    readonly name: string,
    readonly capacityGiB: number,
    readonly context: CommandContext,
  ) {}
}
