import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every Switchboard metric name starts with this (process metrics keep their standard names). */
export const METRIC_PREFIX = 'switchboard_';

type Metric = Counter<string> | Gauge<string> | Histogram<string>;

/**
 * The process's one metrics registry: everything one process measures, the
 * embedded mode's every service included, is served at `/metrics`. Metrics are
 * created by name on first use and shared afterwards, so two modules of one
 * process asking for the same metric get the same one. Labels must stay few
 * and bounded (api, action, transport, outcome): never ids or tokens.
 */
export class Metrics {
  readonly registry = new Registry();

  /** `processMetrics`: CPU, memory, event loop lag, GC… (prom-client's default metrics). */
  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.metric(name, Counter, () => new Counter({ name, help, labelNames, registers: [this.registry] }));
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.metric(name, Gauge, () => new Gauge({ name, help, labelNames, registers: [this.registry] }));
  }

  histogram<L extends string = never>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []): Histogram<L> {
    return this.metric(name, Histogram, () => new Histogram({ name, help, labelNames, buckets, registers: [this.registry] }));
  }

  /** The Content-Type of {@link text}. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private metric<M extends Metric>(name: string, kind: abstract new (...args: never[]) => M, create: () => M): M {
    if (!name.startsWith(METRIC_PREFIX)) throw new Error(`Metric ${name} must start with ${METRIC_PREFIX}`);
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) return create();
    if (!(existing instanceof kind)) throw new Error(`Metric ${name} exists with another type`);
    return existing;
  }
}
