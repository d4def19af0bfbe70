import { Scrape } from '@switchboard/testing';
import { Metrics } from './metrics';

describe('the process metrics registry', () => {
  it('gives the same metric to everyone asking for a name, so two modules of one process count together', async () => {
    const metrics = new Metrics({ processMetrics: false });
    metrics.counter('switchboard_things_total', 'Things', ['kind']).labels('a').inc();
    metrics.counter('switchboard_things_total', 'Things', ['kind']).labels('a').inc(2);
    const scrape = new Scrape(await metrics.text());
    expect(scrape.value('switchboard_things_total', { kind: 'a' })).toBe(3);
  });

  it('refuses a name without the switchboard_ prefix, and one reused with another type', () => {
    const metrics = new Metrics({ processMetrics: false });
    expect(() => metrics.counter('things_total', 'Things')).toThrow(/switchboard_/);
    metrics.counter('switchboard_x', 'x');
    expect(() => metrics.gauge('switchboard_x', 'x')).toThrow(/another type/);
  });

  it('includes the standard process metrics (CPU, memory, event loop lag) in the Prometheus text format', async () => {
    const metrics = new Metrics();
    const scrape = new Scrape(await metrics.text());
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scrape.value('process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(scrape.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(scrape.samples.some((s) => s.name.startsWith('nodejs_eventloop_lag'))).toBe(true);
  });
});
