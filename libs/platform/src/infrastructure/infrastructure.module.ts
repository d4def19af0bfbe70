import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Settings } from '../settings';
import { Infrastructure } from './infrastructure';
import { BUS, EVENT_STORE, INFRASTRUCTURE, SETTINGS_TOKEN, SQL_DATABASE } from './tokens';

/**
 * Provides the process's connections to every module. Closed last, after the
 * HTTP server has finished the requests in flight and the workers have stopped.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  static forRoot(infrastructure: Infrastructure, settings: Settings): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: INFRASTRUCTURE, useValue: infrastructure },
        { provide: EVENT_STORE, useValue: infrastructure.store },
        { provide: BUS, useValue: infrastructure.bus },
        { provide: SQL_DATABASE, useValue: infrastructure.db },
        { provide: SETTINGS_TOKEN, useValue: settings },
      ],
      exports: [INFRASTRUCTURE, EVENT_STORE, BUS, SQL_DATABASE, SETTINGS_TOKEN],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.infrastructure.close();
  }
}
