import { ApiError } from './errors';
import { agentPushSubscription } from './push-subscription';
import { AGENT_PUSHES } from './pushes';

const failure = (pushes: Record<string, string[]>) => {
  try {
    agentPushSubscription(pushes);
  } catch (error) {
    return { type: (error as ApiError).type, message: (error as ApiError).message };
  }
  return undefined;
};

describe('login.pushes', () => {
  it('lists the 51 pushes of the Agent Chat API', () => {
    expect(AGENT_PUSHES).toHaveLength(51);
    expect(new Set(AGENT_PUSHES).size).toBe(51);
  });

  it('without pushes, or with "all" in any version, every push is sent', () => {
    expect(agentPushSubscription(undefined)).toBeUndefined();
    expect(agentPushSubscription({ '3.4': ['incoming_chat'], '3.5': ['all'] })).toBeUndefined();
  });

  it('the names of every version add up', () => {
    expect(agentPushSubscription({ '3.4': ['incoming_chat'], '3.5': ['routing_status_set'] })).toEqual(new Set(['incoming_chat', 'routing_status_set']));
    expect(agentPushSubscription({ '3.4': [] })).toEqual(new Set());
  });

  it('accepts the legacy names the official SDK still lists (never sent by v3.4)', () => {
    expect(agentPushSubscription({ '3.4': ['customer_visit_started', 'incoming_chat'] })).toEqual(new Set(['customer_visit_started', 'incoming_chat']));
  });

  it('refuses versions Switchboard does not speak and names that are no agent push', () => {
    expect(failure({ '3.3': ['incoming_chat'] })).toMatchObject({ type: 'unsupported_version' });
    expect(failure({ '3.4': ['incoming_greeting'] })).toEqual({
      type: 'validation',
      message: 'pushes.3.4: incoming_greeting is not a push of the Agent Chat API',
    });
  });
});
