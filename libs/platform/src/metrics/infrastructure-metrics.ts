import type { AppendObserver } from '@switchboard/event-store';
import type { ConsumerObserver } from '@switchboard/messaging';
import { Metrics } from './metrics';

/** From a millisecond (PGlite, an idle PostgreSQL) to seconds (a database under load or waiting on a lock). */
const APPEND_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const APPEND_EVENTS = [1, 2, 3, 5, 10, 25, 50, 100, 250, 1000];

/** The event store's appends: how long each transaction took and how many events it committed. */
export function appendMetrics(metrics: Metrics): AppendObserver {
  const duration = metrics.histogram(
    'switchboard_event_store_append_duration_seconds',
    'Event store appends: duration of the transaction (stream lock, reads, inserts, inline projections, commit)',
    APPEND_SECONDS,
  );
  const size = metrics.histogram('switchboard_event_store_append_events', 'Event store appends: events committed per append', APPEND_EVENTS);
  const batch = metrics.histogram(
    'switchboard_event_store_transaction_commands',
    'Event store group commit: commands committed together in one transaction',
    APPEND_EVENTS,
  );
  return {
    appended(events, seconds) {
      duration.observe(seconds);
      size.observe(events);
    },
    batched(commands) {
      batch.observe(commands);
    },
  };
}

/** The process's durable consumers of the event stream: how far behind, how often an entry comes again. */
export function consumerMetrics(metrics: Metrics): ConsumerObserver {
  const pending = metrics.gauge(
    'switchboard_consumer_pending',
    'Durable consumers: entries of the event stream not handled yet (polled every 5 s)',
    ['consumer'],
  );
  const redeliveries = metrics.counter(
    'switchboard_consumer_redeliveries_total',
    'Durable consumers: entries handed out again after a failed or too slow handler',
    ['consumer'],
  );
  return {
    pending: (consumer, count) => pending.labels(consumer).set(count),
    redelivered: (consumer) => redeliveries.labels(consumer).inc(),
  };
}
