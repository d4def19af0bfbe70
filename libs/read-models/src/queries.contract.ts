import { EVENT_STORE_MIGRATIONS, runMigrations, SqlDatabase } from '@switchboard/event-store';
import { ReadModels } from './queries';
import { READ_MODEL_MIGRATIONS } from './schema';

const ORG = 'org-1';

/** Agent profiles as jsonb may hold them: written before the edge bounded group ids, or by hand. */
const PROFILES: Record<string, Record<string, unknown>> = {
  'good@acme.example': { groups: [{ id: 1, priority: 'normal' }], max_chats_count: 6 },
  'huge-group@acme.example': { groups: [{ id: 2147483648, priority: 'normal' }], max_chats_count: 6 },
  'text-group@acme.example': { groups: [{ id: 'abc', priority: 'normal' }], max_chats_count: 'six' },
  'odd-group@acme.example': { groups: [{ id: 1.5, priority: 'normal' }, { priority: 'normal' }, 7], max_chats_count: 1e30 },
};

/** The read-model queries answer whatever a row's jsonb holds; run against PGlite and PostgreSQL. */
export function describeRobustQueries(name: string, open: () => Promise<{ db: SqlDatabase; done: () => Promise<void> }>): void {
  describe(`read-model queries on whatever jsonb holds (${name})`, () => {
    let db: SqlDatabase;
    let done: () => Promise<void>;
    let readModels: ReadModels;

    beforeAll(async () => {
      ({ db, done } = await open());
      await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
      for (const [agentId, profile] of Object.entries(PROFILES)) {
        await db.query(
          `INSERT INTO agents (organization_id, agent_id, profile, routing_status) VALUES ($1, $2, $3, 'accepting_chats')`,
          [ORG, agentId, JSON.stringify({ id: agentId, name: agentId, ...profile })],
        );
      }
      await db.query(`INSERT INTO chats (organization_id, chat_id, version, state, access_group_ids) VALUES ($1, 'C1', 1, '{}', '{1}')`, [ORG]);
      readModels = new ReadModels(db);
    }, 60_000);
    afterAll(async () => done?.());

    it('a group filter of list_agents still answers when one agent holds an out-of-range or non-numeric group id', async () => {
      const ids = async (groupIds: number[]) => (await readModels.agents(ORG, { groupIds })).map((a) => a.profile.id);
      expect(await ids([1])).toEqual(['good@acme.example']);
      expect(await ids([2147483648])).toEqual(['huge-group@acme.example']);
      expect(await ids([7])).toEqual([]);
      expect((await readModels.agents(ORG)).length).toBe(4);
    });

    it('routing finds the available agents despite such rows', async () => {
      const available = await readModels.availableAgents(ORG, [1]);
      expect(available.map((a) => a.profile.id)).toEqual(['good@acme.example']);
    });

    it('a transfer to a group is offered in the routing decision’s order: the best priority tier first, then the least loaded', async () => {
      for (const [agentId, priority, load] of [['last@two.example', 'last', 0], ['normal@two.example', 'normal', 2], ['first@two.example', 'first', 4], ['idle@two.example', 'normal', 1]] as const) {
        await db.query(
          `INSERT INTO agents (organization_id, agent_id, profile, routing_status, active_chats) VALUES ('org-2', $1, $2, 'accepting_chats', $3)`,
          [agentId, JSON.stringify({ id: agentId, name: agentId, groups: [{ id: 1, priority }], max_chats_count: 5 }), load],
        );
      }
      const available = await readModels.availableAgents('org-2', [1]);
      expect(available.map((a) => a.profile.id)).toEqual(['first@two.example', 'idle@two.example', 'normal@two.example', 'last@two.example']);
    });

    it('a chat list filtered by a group id no integer column holds matches nothing instead of failing', async () => {
      const list = (groupIds: number[]) =>
        readModels.listChats(ORG, { groupIds, visibleToGroups: groupIds, sortOrder: 'desc', limit: 10, offset: 0 });
      expect((await list([2147483648, 1.5])).total).toBe(0);
      expect((await list([1, 2147483648])).total).toBe(1);
    });
  });
}
