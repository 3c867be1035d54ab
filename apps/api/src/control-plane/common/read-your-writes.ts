import { Injectable } from '@nestjs/common';
import { Projector } from '@fsr/infrastructure';

/** Command answers show the read models with the command's own events applied. */
@Injectable()
export class ReadYourWrites {
  constructor(private readonly projector: Projector) {}

  async after<T>(position: bigint | null, read: () => Promise<T>): Promise<T> {
    if (position !== null) await this.projector.waitUntil(position);
    return read();
  }
}
