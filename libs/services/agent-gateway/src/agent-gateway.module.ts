import { Module } from '@nestjs/common';

/**
 * Agent Chat API (Web + RTM): agent and bot sessions, pushes to agents.
 * The foundation only wires it into both modes; its API arrives with the next issues.
 */
@Module({})
export class AgentGatewayModule {}
