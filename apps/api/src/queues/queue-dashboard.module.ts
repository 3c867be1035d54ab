import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BULL_BOARD_INSTANCE, BullBoardInstance, BullBoardModule } from '@bull-board/nestjs';
import { BrowserPageAuthMiddleware } from '../http/auth/browser-page-auth';
import { DashboardPageWithoutWebFonts } from './dashboard-page-without-web-fonts';
import { jobDisplayName } from './job-display-name';
import { KnownQueue, KnownQueues } from './known-queues';
import { QueuesModule } from './queues.module';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';

/** Puts every queue KnownQueues learns on the dashboard, named and grouped by host (`.` splits the menu). */
@Injectable()
class QueueDashboardRegistrar implements OnApplicationBootstrap {
  constructor(
    @Inject(BULL_BOARD_INSTANCE) private readonly board: BullBoardInstance,
    private readonly queues: KnownQueues,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.onQueue((known) => this.board.addQueue(this.adapterFor(known)));
  }

  private adapterFor({ queue, description }: KnownQueue): BullMQAdapter {
    const adapter = new BullMQAdapter(queue, {
      displayName: description.displayName,
      description: description.description,
      delimiter: '.',
      // Every queue here carries messages between processes; a job added or retried by hand is a forged one.
      readOnlyMode: true,
    });
    adapter.setFormatter('name', jobDisplayName);
    return adapter;
  }
}

/** bull-board at /admin/queues, behind the API key (viewer reads); every queue is read-only on it. */
@Module({
  imports: [
    QueuesModule,
    BullBoardModule.forRootAsync({
      useFactory: () => ({
        route: QUEUE_DASHBOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: [BrowserPageAuthMiddleware, DashboardPageWithoutWebFonts],
        boardOptions: { uiConfig: { boardTitle: 'FSR queues' } },
      }),
    }),
  ],
  providers: [QueueDashboardRegistrar],
})
export class QueueDashboardModule {}
