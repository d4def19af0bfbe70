import { Metrics } from '@switchboard/platform';
import type { Counter, Gauge, Histogram } from 'prom-client';

/** From a local receiver (milliseconds) to a receiver behind a slow network, or a retry hours later. */
const DELIVERY_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600, 86400];

/** The dispatcher's Prometheus metrics (ADR 0044): outcomes, retries, backlog and its age, time from the event to the receiver's answer. */
export class DispatcherMetrics {
  readonly deliveries: Counter<'outcome'>;
  readonly retries: Counter;
  readonly pending: Gauge;
  readonly oldestPending: Gauge;
  readonly dead: Gauge;
  readonly held: Gauge;
  readonly eventToDelivery: Histogram;

  constructor(metrics: Metrics) {
    this.deliveries = metrics.counter(
      'switchboard_webhook_deliveries_total',
      'Webhook delivery attempts by outcome: delivered (2xx), failed (to be retried), dead (given up)',
      ['outcome'],
    );
    this.retries = metrics.counter('switchboard_webhook_retries_total', 'Webhook deliveries scheduled to be tried again after a failure');
    this.pending = metrics.gauge('switchboard_webhook_pending', 'Webhook deliveries not delivered yet, all replicas (polled every 5 s)');
    this.oldestPending = metrics.gauge('switchboard_webhook_oldest_pending_seconds', 'Age of the oldest undelivered webhook delivery, from its event (polled every 5 s)');
    this.dead = metrics.gauge('switchboard_webhook_dead', 'Webhook deliveries in the dead-letter list (polled every 5 s)');
    this.held = metrics.gauge('switchboard_webhook_in_memory', 'Webhook deliveries this replica holds in its receiver queues');
    this.eventToDelivery = metrics.histogram(
      'switchboard_webhook_event_to_delivery_seconds',
      'From the event commit to the receiver accepting its webhook',
      DELIVERY_SECONDS,
    );
  }
}
