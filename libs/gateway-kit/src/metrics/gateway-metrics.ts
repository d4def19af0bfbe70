import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { Metrics } from '@switchboard/platform';
import { ApiName } from '@switchboard/protocol';
import { RequestMeter } from './request-meter';

/** Which budget turned a request away (see RateLimiter). */
export type RateLimitKind = 'address' | 'unauthenticated' | 'token' | 'rtm_frame';

type ChatApi = 'agent' | 'customer';

/** From a few milliseconds (a read) to seconds (a busy database). */
const REQUEST_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * What the gateways measure: requests per API, action, transport and
 * outcome; RTM connections, logins and disconnects; pushes sent; requests
 * and connections turned away by the limits. One per process, in the
 * process's registry.
 */
@Injectable()
export class GatewayMetrics {
  private readonly requests;
  private readonly durations;
  private readonly meters = new Map<string, RequestMeter>();
  private readonly connections: Gauge<'api'>;
  private readonly logins: Counter<'api' | 'outcome'>;
  private readonly disconnects: Counter<'api' | 'reason'>;
  private readonly pushes: Counter<'api' | 'action'>;
  private readonly pushChildren = new Map<string, { inc(count: number): void }>();
  private readonly rejections: Counter<'kind'>;
  private readonly refusals: Counter<'reason'>;

  constructor(metrics: Metrics) {
    const labels = ['api', 'action', 'transport', 'outcome'] as const;
    this.requests = metrics.counter('switchboard_requests_total', 'API requests (Web and RTM) by outcome: ok or the error type', labels);
    this.durations = metrics.histogram('switchboard_request_duration_seconds', 'API requests (Web and RTM): time to the answer', REQUEST_SECONDS, labels);
    this.connections = metrics.gauge('switchboard_rtm_connections', 'Open RTM WebSocket connections, logged in or not', ['api']);
    this.logins = metrics.counter('switchboard_rtm_logins_total', 'RTM logins by outcome (ok, failed)', ['api', 'outcome']);
    this.disconnects = metrics.counter(
      'switchboard_rtm_disconnects_total',
      'RTM connections closed, by reason (the disconnect push reason, or client_closed, login_timeout, logged_out, slow_client)',
      ['api', 'reason'],
    );
    this.pushes = metrics.counter('switchboard_pushes_total', 'Pushes sent to RTM connections, by push action', ['api', 'action']);
    this.rejections = metrics.counter(
      'switchboard_rate_limit_rejections_total',
      'Requests answered too_many_requests, by the budget that ran out (address, unauthenticated, token, rtm_frame)',
      ['kind'],
    );
    this.refusals = metrics.counter('switchboard_rtm_connection_refusals_total', 'WebSocket connections refused by the connection caps, by reason', [
      'reason',
    ]);
  }

  /** The meter of one API's requests over one transport (keep it: it caches its label children). */
  requestMeter(api: ApiName, transport: 'web' | 'rtm'): RequestMeter {
    const key = `${api}/${transport}`;
    let meter = this.meters.get(key);
    if (!meter) this.meters.set(key, (meter = new RequestMeter(api, transport, this.requests, this.durations)));
    return meter;
  }

  connectionOpened(api: ChatApi): void {
    this.connections.labels(api).inc();
  }

  connectionClosed(api: ChatApi, reason: string): void {
    this.connections.labels(api).dec();
    this.disconnects.labels(api, reason).inc();
  }

  login(api: ChatApi, ok: boolean): void {
    this.logins.labels(api, ok ? 'ok' : 'failed').inc();
  }

  /** `count` connections of `api` were sent push `action` (push names are a fixed set). */
  pushed(api: ChatApi, action: string, count: number): void {
    const key = `${api}/${action}`;
    let child = this.pushChildren.get(key);
    if (!child) this.pushChildren.set(key, (child = this.pushes.labels(api, action)));
    child.inc(count);
  }

  rateLimited(kind: RateLimitKind): void {
    this.rejections.labels(kind).inc();
  }

  connectionRefused(reason: string): void {
    this.refusals.labels(reason).inc();
  }
}
