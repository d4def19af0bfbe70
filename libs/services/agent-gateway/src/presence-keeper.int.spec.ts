import { randomBytes } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ConfigurationCommands, newAgentProfile } from '@switchboard/configuration/application';
import { EVENT_STORE_MIGRATIONS, PgDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { AgentSessions, chatProjection, configurationProjection, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { createTestDatabase, describeWithPostgres, TestDatabase } from '@switchboard/testing';
import { PresenceKeeper } from './presence-keeper';

describeWithPostgres('agent presence across gateway replicas', () => {
  let database: TestDatabase;
  let db: PgDatabase;
  let readModels: ReadModels;
  let config: ConfigurationCommands;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new PgDatabase(database.url);
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    const store = new PostgresEventStore(db, [configurationProjection, chatProjection]);
    readModels = new ReadModels(db);
    config = new ConfigurationCommands(store, readModels, new TokenService(randomBytes(32)));
    ({ organizationId } = await config.createOrganization('Acme', { id: 'boss@acme.example' }));
    for (const id of ['ann@acme.example', 'bob@acme.example']) {
      await config.agent(organizationId, id, { type: 'create_agent', profile: newAgentProfile({ id, name: id }) });
      await config.agent(organizationId, id, { type: 'set_routing_status', id, status: 'accepting_chats' });
    }
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('takes offline the agents whose only gateway died, and keeps those still connected elsewhere', async () => {
    const dead = new AgentSessions(db, 'gateway-that-crashed');
    const alive = new AgentSessions(db, 'gateway-alive');
    await dead.open(organizationId, 'ann@acme.example', 'c1');
    await dead.open(organizationId, 'bob@acme.example', 'c2');
    await alive.open(organizationId, 'bob@acme.example', 'c3');
    await db.query(`UPDATE agent_sessions SET heartbeat_at = now() - interval '1 hour' WHERE instance_id = 'gateway-that-crashed'`);

    await new PresenceKeeper(alive, config, () => ['c3']).tick(30);

    const status = async (id: string) => (await readModels.agent(organizationId, id))!.routing_status;
    expect(await status('ann@acme.example')).toBe('offline');
    expect(await status('bob@acme.example')).toBe('accepting_chats');
    const { rows } = await db.query<{ connection_id: string }>('SELECT connection_id FROM agent_sessions ORDER BY 1');
    expect(rows.map((r) => r.connection_id)).toEqual(['c3']);
  });

  it('drops its own sessions of connections it no longer holds (a close or login the database missed) and takes those agents offline', async () => {
    const gateway = new AgentSessions(db, 'gateway-after-outage');
    const other = new AgentSessions(db, 'gateway-other');
    for (const id of ['ann@acme.example', 'bob@acme.example']) {
      await config.agent(organizationId, id, { type: 'set_routing_status', id, status: 'accepting_chats' });
    }
    await gateway.open(organizationId, 'ann@acme.example', 'closed-during-outage');
    await gateway.open(organizationId, 'bob@acme.example', 'login-failed-half-way');
    await gateway.open(organizationId, 'bob@acme.example', 'still-open');
    await other.open(organizationId, 'ann@acme.example', 'elsewhere');
    await other.close(organizationId, 'ann@acme.example', 'elsewhere');
    await db.query(`UPDATE agent_sessions SET connected_at = now() - interval '1 minute' WHERE instance_id = 'gateway-after-outage'`);
    // Just written by a login that began after the keeper looked at its connections: kept.
    await gateway.open(organizationId, 'bob@acme.example', 'logging-in');

    await new PresenceKeeper(gateway, config, () => ['still-open']).tick(30);

    const status = async (id: string) => (await readModels.agent(organizationId, id))!.routing_status;
    expect(await status('ann@acme.example')).toBe('offline');
    expect(await status('bob@acme.example')).toBe('accepting_chats');
    const { rows } = await db.query<{ connection_id: string }>(
      "SELECT connection_id FROM agent_sessions WHERE instance_id = 'gateway-after-outage' ORDER BY 1",
    );
    expect(rows.map((r) => r.connection_id)).toEqual(['logging-in', 'still-open']);
  });
  it('a gateway beats with one row however many connections it holds; once it stops beating for the stale window its agents go offline', async () => {
    const crashed = new AgentSessions(db, 'gateway-killed');
    const alive = new AgentSessions(db, 'gateway-beating');
    for (const id of ['ann@acme.example', 'bob@acme.example']) {
      await config.agent(organizationId, id, { type: 'set_routing_status', id, status: 'accepting_chats' });
    }
    await crashed.open(organizationId, 'ann@acme.example', 'k1');
    await alive.open(organizationId, 'bob@acme.example', 'b1');
    await alive.open(organizationId, 'bob@acme.example', 'b2');
    await crashed.beat();
    const keeper = new PresenceKeeper(alive, config, () => ['b1', 'b2']);
    await keeper.tick(10);
    // Long-lived connections of a beating gateway are never written again, and stay.
    await db.query(`UPDATE agent_sessions SET heartbeat_at = now() - interval '1 hour', connected_at = now() - interval '1 hour'`);
    const beats = await db.query<{ instance_id: string }>(`SELECT instance_id FROM agent_gateways WHERE instance_id IN ('gateway-beating', 'gateway-killed') ORDER BY 1`);
    expect(beats.rows.map((r) => r.instance_id)).toEqual(['gateway-beating', 'gateway-killed']);

    // The killed gateway's last beat is 11 s old: past the 10 s window.
    await db.query(`UPDATE agent_gateways SET heartbeat_at = now() - interval '11 seconds' WHERE instance_id = 'gateway-killed'`);
    await keeper.tick(10);

    const status = async (id: string) => (await readModels.agent(organizationId, id))!.routing_status;
    expect(await status('ann@acme.example')).toBe('offline');
    expect(await status('bob@acme.example')).toBe('accepting_chats');
    const { rows } = await db.query<{ connection_id: string }>(`SELECT connection_id FROM agent_sessions WHERE connection_id IN ('k1', 'b1', 'b2') ORDER BY 1`);
    expect(rows.map((r) => r.connection_id)).toEqual(['b1', 'b2']);
    const left = await db.query<{ instance_id: string }>(`SELECT instance_id FROM agent_gateways WHERE instance_id IN ('gateway-beating', 'gateway-killed')`);
    expect(left.rows.map((r) => r.instance_id)).toEqual(['gateway-beating']);
  });
});
