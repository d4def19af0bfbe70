import { Controller, Get, Head, Inject, Param, Req, Res } from '@nestjs/common';
import { Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { FileStorage } from '@switchboard/read-models';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiter } from '../limits/rate-limiter';
import { sendError } from '../web/web-api';
import { serveFile } from './serve-file';

/** DI token of the organization files' {@link FileStorage}. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Serves uploaded files at their URLs on every gateway replica (the bytes live in the database). */
@Controller()
export class FilesController {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
  ) {}

  @Get('files/:organizationId/:id/:name')
  @Head('files/:organizationId/:id/:name')
  async serve(
    @Param('organizationId') organizationId: string,
    @Param('id') id: string,
    @Param('name') name: string,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    try {
      this.limiter.admitAddress(this.limiter.address(request));
      await serveFile(this.storage, { organizationId, id, name }, request, response, this.settings.fileUnusedTtlSeconds);
    } catch (error) {
      sendError(response, error, 'file');
    }
  }
}
