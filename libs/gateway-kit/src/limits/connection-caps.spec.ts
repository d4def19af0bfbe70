import { LimitSettings } from '@switchboard/platform';
import { ConnectionCaps } from './connection-caps';

const limits = (overrides: Partial<LimitSettings> = {}): LimitSettings => ({
  enabled: true,
  perToken: { perSecond: 1, burst: 1 },
  perAddress: { perSecond: 1, burst: 1 },
  unauthenticated: { perSecond: 1, burst: 1 },
  perRtmConnection: { perSecond: 1, burst: 1 },
  rtmMaxConnectionsPerProcess: 100,
  rtmMaxConnectionsPerAddress: 3,
  rtmMaxUnauthenticatedPerProcess: 100,
  rtmMaxUnauthenticatedPerAddress: 2,
  rtmMaxConnectionsPerAgent: 10,
  ...overrides,
});

describe('connection caps', () => {
  it('turn away sockets that never log in beyond the per-address cap, but not logged-in ones', () => {
    const caps = new ConnectionCaps(limits());
    expect(caps.open('a')).toBeUndefined();
    expect(caps.open('a')).toBeUndefined();
    expect(caps.open('a')).toBe('too_many_unauthorized_connections');
    expect(caps.open('b')).toBeUndefined();
    caps.authenticated('a');
    expect(caps.open('a')).toBeUndefined();
    expect(caps.open('a')).toBe('too_many_connections');
  });

  it('free a place when a connection closes', () => {
    const caps = new ConnectionCaps(limits({ rtmMaxConnectionsPerProcess: 1 }));
    expect(caps.open('a')).toBeUndefined();
    expect(caps.open('b')).toBe('too_many_connections');
    caps.closed('a', false);
    expect(caps.open('b')).toBeUndefined();
  });

  it('count but never refuse when limits are off', () => {
    const caps = new ConnectionCaps(limits({ enabled: false, rtmMaxConnectionsPerAddress: 0 }));
    expect(caps.open('a')).toBeUndefined();
  });
});
