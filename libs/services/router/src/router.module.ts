import { Module } from '@nestjs/common';

/**
 * Assigns chats to agents and bots, keeps queues (durable consumer of the event stream).
 * The foundation only wires it into both modes; its API arrives with the next issues.
 */
@Module({})
export class RouterModule {}
