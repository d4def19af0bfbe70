import { Controller, Get, Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningService, startService } from './bootstrap';
import { Readiness } from './health/readiness';
import { scrapeMetrics } from '@switchboard/testing';
import { METRICS_PATH } from './metrics/metrics-path';
import { loadSettings } from './settings';

let release: () => void = () => undefined;

@Controller()
class SlowController {
  @Get('/slow')
  async slow() {
    await new Promise<void>((resolve) => (release = resolve));
    return { finished: true };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

describe('a Switchboard process (embedded: PGlite on disk, in-process bus)', () => {
  let dir: string;
  let service: RunningService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-process-'));
    const settings = { ...loadSettings('switchboard', { DATA_DIR: dir, LOG_LEVEL: 'error' }), port: 0, host: '127.0.0.1' };
    service = await startService({ name: 'test', mode: 'embedded', modules: [SlowModule], settings });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health and reports ready with its database and bus up', async () => {
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'up', bus: 'up' } });
  });

  it(`serves its metrics at ${METRICS_PATH} in the Prometheus text format`, async () => {
    const scrape = await scrapeMetrics(service.url);
    expect(scrape.value('process_cpu_seconds_total')).toBeGreaterThan(0);
    // Nothing appended yet, but the event store's metrics exist from the start (at zero) for dashboards and alerts.
    expect(scrape.samples.some((s) => s.name === 'switchboard_event_store_append_duration_seconds_count')).toBe(true);
  });

  it('answers an unknown path with 404, not a crash', async () => {
    expect((await fetch(`${service.url}/nope`)).status).toBe(404);
  });

  it('on shutdown reports not ready and finishes the request in flight before closing', async () => {
    const inFlight = fetch(`${service.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const readiness = service.app.get(Readiness);
    const stopping = service.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readiness.report()).toEqual({ status: 'not_ready', checks: { process: 'shutting_down' } });
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopping;
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
  });
});
