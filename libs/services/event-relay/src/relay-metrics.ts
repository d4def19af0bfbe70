import { Metrics } from '@switchboard/platform';
import { RelayObserver } from './event-relay';

/** The relay's progress: events published, and how long after its commit the last one went out. */
export function relayMetrics(metrics: Metrics): RelayObserver {
  const published = metrics.counter('switchboard_relay_published_total', 'Events the relay published to the event stream');
  const lag = metrics.gauge(
    'switchboard_relay_lag_seconds',
    'Seconds between the commit of the last event the relay published and its publication',
  );
  return {
    published(count, lagSeconds) {
      published.inc(count);
      lag.set(lagSeconds);
    },
  };
}
