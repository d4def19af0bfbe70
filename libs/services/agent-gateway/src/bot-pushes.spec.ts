import { ChatQueries } from '@switchboard/chat/application';
import { newBotProfile } from '@switchboard/configuration/domain';
import { EventMessage } from '@switchboard/event-store';
import { ReadModels } from '@switchboard/read-models';
import { agentPushPlanner } from './agent-pushes';

const BOT = '5c9871d5372c824cbf22d860a707a578';

const message = (type: string, data: unknown): EventMessage => ({
  event_id: 'e1',
  stream_id: `agent-${BOT}`,
  stream_version: 2,
  global_position: '10',
  transaction_id: '1',
  organization_id: 'o1',
  type,
  data,
  metadata: {},
  created_at: '2026-11-27T00:00:00Z',
});

describe('agent pushes of bot changes', () => {
  // Bot pushes need nothing from the database.
  const plan = agentPushPlanner({} as ChatQueries, {} as ReadModels);

  it('go to every agent of the organization who may read bots: the whole bot, without how it was created', async () => {
    const bot = newBotProfile({ id: BOT, name: 'Helper', owner_client_id: 'a'.repeat(32), created_with: 'pat', timezone: 'UTC' });
    expect(await plan(message('bot_created', bot))).toEqual([
      {
        action: 'bot_created',
        payload: {
          id: BOT,
          name: 'Helper',
          max_chats_count: 6,
          default_group_priority: 'normal',
          groups: [{ id: 0, priority: 'normal' }],
          timezone: 'UTC',
          owner_client_id: 'a'.repeat(32),
        },
        allAgents: true,
        scope: 'agents-bot--all:ro',
      },
    ]);
  });

  it('announce only what changed, or the id of a deleted bot', async () => {
    expect(await plan(message('bot_updated', { id: BOT, name: 'Helper Bot' }))).toEqual([
      { action: 'bot_updated', payload: { id: BOT, name: 'Helper Bot' }, allAgents: true, scope: 'agents-bot--all:ro' },
    ]);
    expect(await plan(message('bot_deleted', { id: BOT }))).toEqual([
      { action: 'bot_deleted', payload: { id: BOT }, allAgents: true, scope: 'agents-bot--all:ro' },
    ]);
  });

  it("tell every agent a bot's routing status, like an agent's", async () => {
    expect(await plan(message('routing_status_set', { agent_id: BOT, status: 'accepting_chats' }))).toEqual([
      { action: 'routing_status_set', payload: { agent_id: BOT, status: 'accepting_chats' }, allAgents: true },
    ]);
  });
});
