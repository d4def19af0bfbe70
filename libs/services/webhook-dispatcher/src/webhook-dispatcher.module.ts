import { Module } from '@nestjs/common';

/**
 * Delivers webhooks with retries and a replayable delivery log (durable consumer).
 * The foundation only wires it into both modes; its API arrives with the next issues.
 */
@Module({})
export class WebhookDispatcherModule {}
