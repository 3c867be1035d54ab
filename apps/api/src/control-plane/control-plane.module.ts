import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  CLOCK,
  CONTROL_PLANE_SETTINGS,
  ControlPlaneSettings,
  DATASTORE_DIRECTORIES,
  STUN_HISTORY,
  READ_MODEL_CATCH_UP,
  HOST_AGENT_GATEWAY,
  IDS,
  VM_NAMES,
  applicationProviders,
} from '@fsr/application';
import { BullMqHostAgentGateway, OperationQueries, Projector, VmQueries, localDatastoreDirectories, randomIds, systemClock } from '@fsr/infrastructure';
import type { ConnectionOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, BULL_CONNECTION } from '../infrastructure/tokens';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ReadYourWrites } from './common/read-your-writes';
import { HostLiveness } from './host-reports/host-liveness';
import { HostMemoryController } from './hosts/host-memory.controller';
import { HostReportsConsumer } from './host-reports/host-reports.consumer';
import { OperationEndingLog } from './operations/operation-ending-log';
import { OperationRecovery } from './recovery/operation-recovery';
import { USE_CASES } from './use-cases';
import { VmAnswer } from './common/vm-answer';

const gatewayLogger = new Logger(BullMqHostAgentGateway.name);

/** The command side of the control plane: use cases, their HTTP endpoints, and the link to the host agents. */
@Module({
  imports: [ReadModelsModule],
  controllers: [...USE_CASES.map((useCase) => useCase.controller), HostMemoryController],
  providers: [
    ...applicationProviders,
    ...USE_CASES.flatMap((useCase) => useCase.handlers),
    {
      provide: CONTROL_PLANE_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ControlPlaneSettings => ({
        dataDir: config.dataDir,
        stunSlaMs: config.stunSlaMs,
      }),
    },
    {
      provide: HOST_AGENT_GATEWAY,
      inject: [APP_CONFIG, BULL_CONNECTION],
      useFactory: (config: AppConfig, connection: ConnectionOptions) =>
        new BullMqHostAgentGateway({
          connection,
          prefix: config.queuePrefix,
          timeoutMs: config.hostAgentTimeoutMs,
          log: (message) => gatewayLogger.warn(message),
        }),
    },
    { provide: VM_NAMES, useExisting: VmQueries },
    { provide: STUN_HISTORY, useExisting: OperationQueries },
    { provide: READ_MODEL_CATCH_UP, useExisting: Projector },
    { provide: CLOCK, useValue: systemClock },
    { provide: IDS, useValue: randomIds },
    { provide: DATASTORE_DIRECTORIES, useValue: localDatastoreDirectories },
    ReadYourWrites,
    VmAnswer,
    HostLiveness,
    HostReportsConsumer,
    OperationRecovery,
    OperationEndingLog,
  ],
})
export class ControlPlaneModule implements OnApplicationShutdown {
  constructor(@Inject(HOST_AGENT_GATEWAY) private readonly gateway: BullMqHostAgentGateway) {}

  async onApplicationShutdown(): Promise<void> {
    await this.gateway.close();
  }
}
