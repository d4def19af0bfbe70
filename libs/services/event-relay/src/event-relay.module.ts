import { Module } from '@nestjs/common';
import { EventRelayWorker } from './event-relay.worker';

/** Publishes committed events from the store to the bus's durable stream, in commit order. */
@Module({ providers: [EventRelayWorker], exports: [EventRelayWorker] })
export class EventRelayModule {}
