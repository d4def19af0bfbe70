import { Module } from '@nestjs/common';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { PostgresFileStorage } from '@switchboard/read-models';
import { GatewayKitModule } from '../gateway-kit.module';
import { FILE_STORAGE, FilesController } from './files.controller';

/**
 * Uploaded files (ADR 0026): the organization's storage — PostgreSQL/PGlite,
 * so every replica has every file — and the route serving them. Imported by
 * both chat gateways; Nest creates it once per process.
 */
@Module({
  imports: [GatewayKitModule],
  controllers: [FilesController],
  providers: [{ provide: FILE_STORAGE, inject: [INFRASTRUCTURE], useFactory: ({ db }: Infrastructure) => new PostgresFileStorage(db) }],
  exports: [FILE_STORAGE],
})
export class FilesModule {}
