import { Metrics } from '@switchboard/platform';
import { ApiError } from '@switchboard/protocol';
import { Scrape } from '@switchboard/testing';
import { GatewayMetrics } from './gateway-metrics';
import { outcomeOf } from './request-meter';

describe('request metrics', () => {
  it('count and time each request by api, action, transport and outcome', async () => {
    const metrics = new Metrics({ processMetrics: false });
    const gateway = new GatewayMetrics(metrics);
    const web = gateway.requestMeter('agent', 'web');
    web.record('send_event', 'ok', 0.004);
    web.record('send_event', 'ok', 0.2);
    web.record('send_event', 'validation', 0.001);
    gateway.requestMeter('agent', 'rtm').record('send_event', 'ok', 0.003);
    const scrape = new Scrape(await metrics.text());
    const sendEvent = { api: 'agent', action: 'send_event' };
    expect(scrape.value('switchboard_requests_total', { ...sendEvent, transport: 'web', outcome: 'ok' })).toBe(2);
    expect(scrape.value('switchboard_requests_total', { ...sendEvent, transport: 'web', outcome: 'validation' })).toBe(1);
    expect(scrape.value('switchboard_requests_total', { ...sendEvent, transport: 'rtm' })).toBe(1);
    expect(scrape.value('switchboard_request_duration_seconds_count', { ...sendEvent, transport: 'web', outcome: 'ok' })).toBe(2);
    expect(scrape.value('switchboard_request_duration_seconds_bucket', { ...sendEvent, transport: 'web', outcome: 'ok', le: '0.005' })).toBe(1);
    expect(scrape.value('switchboard_request_duration_seconds_sum', { ...sendEvent, transport: 'web', outcome: 'ok' })).toBeCloseTo(0.204);
  });

  it('count actions the API does not have as `unknown`, so clients cannot mint label values', async () => {
    const metrics = new Metrics({ processMetrics: false });
    const meter = new GatewayMetrics(metrics).requestMeter('customer', 'web');
    for (let i = 0; i < 50; i++) meter.record(`made_up_${i}`, 'validation', 0.001);
    meter.record('send_event', 'ok', 0.001);
    const scrape = new Scrape(await metrics.text());
    expect(scrape.labelValues('switchboard_requests_total', 'action').sort()).toEqual(['send_event', 'unknown']);
    expect(scrape.value('switchboard_requests_total', { action: 'unknown', outcome: 'validation' })).toBe(50);
  });

  it('name the outcome of a failure after its error type, and anything unexpected `internal`', () => {
    expect(outcomeOf(new ApiError('too_many_requests', 'Too many requests'))).toBe('too_many_requests');
    expect(outcomeOf(new Error('connection reset'))).toBe('internal');
  });

  it('count pushes, logins, connections and limits with bounded labels', async () => {
    const metrics = new Metrics({ processMetrics: false });
    const gateway = new GatewayMetrics(metrics);
    gateway.connectionOpened('agent');
    gateway.connectionOpened('agent');
    gateway.connectionClosed('agent', 'access_token_revoked');
    gateway.login('agent', true);
    gateway.login('agent', false);
    gateway.pushed('agent', 'incoming_event', 3);
    gateway.pushed('agent', 'incoming_event', 1);
    gateway.rateLimited('token');
    gateway.connectionRefused('too_many_unauthorized_connections');
    const scrape = new Scrape(await metrics.text());
    expect(scrape.value('switchboard_rtm_connections', { api: 'agent' })).toBe(1);
    expect(scrape.value('switchboard_rtm_disconnects_total', { api: 'agent', reason: 'access_token_revoked' })).toBe(1);
    expect(scrape.value('switchboard_rtm_logins_total', { outcome: 'ok' })).toBe(1);
    expect(scrape.value('switchboard_rtm_logins_total', { outcome: 'failed' })).toBe(1);
    expect(scrape.value('switchboard_pushes_total', { api: 'agent', action: 'incoming_event' })).toBe(4);
    expect(scrape.value('switchboard_rate_limit_rejections_total', { kind: 'token' })).toBe(1);
    expect(scrape.value('switchboard_rtm_connection_refusals_total', { reason: 'too_many_unauthorized_connections' })).toBe(1);
  });
});
