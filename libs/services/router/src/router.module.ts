import { Module } from '@nestjs/common';
import { RouterWorker } from './router.worker';

/** Assigns chats to agents (durable consumer of the event stream). */
@Module({ providers: [RouterWorker] })
export class RouterModule {}
