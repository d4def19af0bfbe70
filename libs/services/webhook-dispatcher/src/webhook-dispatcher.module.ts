import { Module } from '@nestjs/common';
import { ChatQueries } from '@switchboard/chat/application';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { PageIdCodec } from '@switchboard/protocol';
import { CustomerRecords } from '@switchboard/read-models';
import { ChatStateCache, webhookOccurrences } from '@switchboard/webhooks/application';
import { OccurrenceSource } from './ingestion';
import { WEBHOOK_OCCURRENCES, WebhookDispatcherWorker } from './webhook-dispatcher.worker';

/** Delivers webhooks: retries, the delivery log, replays (durable consumer of the event stream; ADR 0044). */
@Module({
  providers: [
    {
      provide: WEBHOOK_OCCURRENCES,
      inject: [INFRASTRUCTURE],
      useFactory: ({ readModels, secrets, store, db }: Infrastructure): OccurrenceSource => {
        const sources = {
          readModels,
          store,
          queries: new ChatQueries(readModels, PageIdCodec.fromServerKey(secrets.tokenKey)),
          customers: new CustomerRecords(db),
          chatStates: new ChatStateCache(),
        };
        return (message) => webhookOccurrences(message, sources);
      },
    },
    WebhookDispatcherWorker,
  ],
})
export class WebhookDispatcherModule {}
