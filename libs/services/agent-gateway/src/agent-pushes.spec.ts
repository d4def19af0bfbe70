import { ChatQueries } from '@switchboard/chat/application';
import { EventMessage } from '@switchboard/event-store';
import { ReadModels } from '@switchboard/read-models';
import { agentPushPlanner } from './agent-pushes';

const message = (type: string, data: unknown, streamId = 'organization-o1'): EventMessage => ({
  event_id: 'e1',
  stream_id: streamId,
  stream_version: 2,
  global_position: '10',
  transaction_id: '1',
  organization_id: 'o1',
  type,
  data,
  metadata: {},
  created_at: '2026-11-27T00:00:00Z',
});

describe('agent pushes of group changes', () => {
  // Group pushes need nothing from the database.
  const plan = agentPushPlanner({} as ChatQueries, {} as ReadModels);

  it('go to every agent of the organization who may read groups, with the event as the payload', async () => {
    const created = { id: 3, name: 'Sales', language_code: 'en', agent_priorities: { 'jo@acme.example': 'normal' } };
    expect(await plan(message('group_created', created))).toEqual([
      { action: 'group_created', payload: created, allAgents: true, scope: 'groups--all:ro' },
    ]);
    expect(await plan(message('group_updated', { id: 3, name: 'Sales EU' }))).toEqual([
      { action: 'group_updated', payload: { id: 3, name: 'Sales EU' }, allAgents: true, scope: 'groups--all:ro' },
    ]);
    expect(await plan(message('group_deleted', { id: 3 }))).toEqual([
      { action: 'group_deleted', payload: { id: 3 }, allAgents: true, scope: 'groups--all:ro' },
    ]);
  });

  it('are not made for the other events of the organization stream', async () => {
    expect(await plan(message('organization_created', { organization_id: 'o1' }))).toEqual([]);
  });
});
