import { Controller, Get, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Metrics } from './metrics';
import { METRICS_PATH } from './metrics-path';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** Prometheus scrape endpoint: the process's registry in the text exposition format. */
  @Get(METRICS_PATH)
  async scrape(@Res() response: ServerResponse): Promise<void> {
    const text = await this.metrics.text();
    response.writeHead(200, { 'Content-Type': this.metrics.contentType, 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  }
}
