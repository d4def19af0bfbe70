import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { HEALTH_PATH, READY_PATH } from './health-paths';
import { Readiness } from './readiness';

@Controller()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** Liveness: answers as long as the event loop turns. */
  @Get(HEALTH_PATH)
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when the database and bus are up, 503 otherwise or while shutting down. */
  @Get(READY_PATH)
  async ready(@Res({ passthrough: true }) response: { status(code: number): unknown }) {
    const report = await this.readiness.report();
    response.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
