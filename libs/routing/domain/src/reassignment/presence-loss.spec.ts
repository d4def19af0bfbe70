import { AgentStreamEvent, presenceLoss } from './presence-loss';

const T = (s: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, s)).toISOString();
const status = (status: string, s: number): AgentStreamEvent => ({ type: 'routing_status_set', data: { status }, created_at: T(s) });
const agent = { isBot: false, graceSeconds: 30 };

describe('why an agent lost their chats (routing.md §4), from the tail of their stream', () => {
  it('a dropped connection or a dead gateway: disconnected, due once the reconnect grace is over', () => {
    expect(presenceLoss([status('accepting_chats', 0), status('offline', 10)], agent)).toEqual({ cause: 'disconnected', since: T(10), due: T(40) });
  });

  it('an agent back online keeps their chats: nothing is lost', () => {
    expect(presenceLoss([status('accepting_chats', 0), status('offline', 10), status('not_accepting_chats', 20)], agent)).toBeUndefined();
    expect(presenceLoss([{ type: 'agent_created', data: {}, created_at: T(0) }], agent)).toBeUndefined();
  });

  it('logout signs out (at once); tokens revoked by someone else, or a suspension, sign out remotely', () => {
    const revoked = (reason: string, s: number): AgentStreamEvent => ({ type: 'agent_tokens_revoked', data: { reason }, created_at: T(s) });
    expect(presenceLoss([status('accepting_chats', 0), revoked('logout', 5), status('offline', 6)], agent)).toEqual({ cause: 'signed_out', since: T(6), due: T(6) });
    expect(presenceLoss([status('accepting_chats', 0), revoked('revoked', 5), status('offline', 6)], agent)).toEqual({
      cause: 'remotely_signed_out',
      since: T(6),
      due: T(6),
    });
    expect(presenceLoss([status('accepting_chats', 0), { type: 'agent_suspended', data: {}, created_at: T(7) }], agent)?.cause).toBe('remotely_signed_out');
  });

  it('a revocation before the agent came back online does not explain a later drop', () => {
    const tail: AgentStreamEvent[] = [
      { type: 'agent_tokens_revoked', data: { reason: 'logout' }, created_at: T(1) },
      status('offline', 2),
      status('accepting_chats', 3),
      status('offline', 9),
    ];
    expect(presenceLoss(tail, agent)?.cause).toBe('disconnected');
  });

  it('deleted agents and bots: at once; a bot set offline signed out', () => {
    expect(presenceLoss([status('accepting_chats', 0), { type: 'agent_deleted', data: {}, created_at: T(3) }], agent)).toEqual({ cause: 'deleted', since: T(3), due: T(3) });
    expect(presenceLoss([{ type: 'bot_deleted', data: {}, created_at: T(4) }], { isBot: true, graceSeconds: 30 })?.cause).toBe('deleted');
    expect(presenceLoss([status('accepting_chats', 0), status('offline', 5)], { isBot: true, graceSeconds: 30 })).toEqual({ cause: 'signed_out', since: T(5), due: T(5) });
  });
});
