import { ChatQueries } from '@switchboard/chat/application';
import { EventMessage } from '@switchboard/event-store';
import { ReadModels } from '@switchboard/read-models';
import { agentPushPlanner } from './agent-pushes';

const message = (type: string, data: unknown): EventMessage => ({
  event_id: 'e1',
  stream_id: 'auto_access-390e44e6-0000-4000-8000-000000000000',
  stream_version: 1,
  global_position: '10',
  transaction_id: '1',
  organization_id: '390e44e6-0000-4000-8000-000000000000',
  type,
  data,
  metadata: {},
  created_at: '2026-11-27T00:00:00Z',
});

describe('agent pushes of auto access changes', () => {
  // They need nothing from the database.
  const plan = agentPushPlanner({} as ChatQueries, {} as ReadModels);

  it('go to every agent of the organization who may read access rules, with the event as the payload', async () => {
    const rule = { id: 'a'.repeat(32), access: { groups: [1] }, conditions: { domain: { values: [{ value: 'example.com' }] } }, next_id: 'b'.repeat(32) };
    for (const [type, data] of [
      ['auto_access_added', rule],
      ['auto_access_updated', { id: rule.id, next_id: '' }],
      ['auto_access_deleted', { id: rule.id }],
    ] as const) {
      expect(await plan(message(type, data))).toEqual([{ action: type, payload: data, allAgents: true, scope: 'access_rules:ro' }]);
    }
  });
});
