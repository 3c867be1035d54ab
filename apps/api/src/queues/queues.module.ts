import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { KnownQueues } from './known-queues';

@Module({
  imports: [ReadModelsModule],
  providers: [KnownQueues],
  exports: [KnownQueues],
})
export class QueuesModule {}
