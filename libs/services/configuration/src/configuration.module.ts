import { Module } from '@nestjs/common';

/**
 * Configuration API: agents, bots, groups, properties, webhooks.
 * The foundation only wires it into both modes; its API arrives with the next issues.
 */
@Module({})
export class ConfigurationModule {}
