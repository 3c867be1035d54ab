import { CommandContext } from '../common/command-context';

export class CreateDatastoreCommand {
  constructor(
    readonly name: string,
    readonly capacityGiB: number,
    readonly context: CommandContext,
  ) {}
}
