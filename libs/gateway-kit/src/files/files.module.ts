import { Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { FileStorage, PostgresFileStorage } from '@switchboard/read-models';
import { GatewayKitModule } from '../gateway-kit.module';
import { FILE_STORAGE, FilesController } from './files.controller';

/** How often the sweep runs, and how many expired files one run deletes at most. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_LIMIT = 100;

/**
 * Deletes files never used in a `file` event once FILE_UNUSED_TTL_SECONDS
 * have passed (ADR 0026): a timer (unref'd) per gateway process, a bounded
 * DELETE on a partial index each minute. Several replicas sweeping at once
 * only delete the same rows; until a file is swept it is already refused
 * and not served.
 */
@Injectable()
export class UnusedFileSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Files');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const cutoff = new Date(Date.now() - this.settings.fileUnusedTtlSeconds * 1000);
      const deleted = await this.storage.sweepUnused(cutoff, SWEEP_LIMIT);
      if (deleted > 0) this.logger.log(`Deleted ${deleted} expired unused file(s)`);
    } catch (error) {
      this.logger.warn(`Sweeping expired files failed: ${(error as Error).message}`);
    }
  }
}

/**
 * Uploaded files (ADR 0026): the organization's storage — PostgreSQL/PGlite,
 * so every replica has every file — the route serving them, and the sweep of
 * expired unused files. Imported by both chat gateways; Nest creates it once
 * per process.
 */
@Module({
  imports: [GatewayKitModule],
  controllers: [FilesController],
  providers: [
    { provide: FILE_STORAGE, inject: [INFRASTRUCTURE], useFactory: ({ db }: Infrastructure) => new PostgresFileStorage(db) },
    UnusedFileSweeper,
  ],
  exports: [FILE_STORAGE],
})
export class FilesModule {}
