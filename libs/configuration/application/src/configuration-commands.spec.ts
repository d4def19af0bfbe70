import { randomBytes } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { EVENT_STORE_MIGRATIONS, PgliteDatabase, PostgresEventStore, runMigrations } from '@switchboard/event-store';
import { ApiError } from '@switchboard/protocol';
import { configurationProjection, READ_MODEL_MIGRATIONS, ReadModels } from '@switchboard/read-models';
import { ConfigurationCommands, newAgentProfile } from './configuration-commands';

/** The errors configuration commands report, on the real store and read models (PGlite). */
describe('configuration commands', () => {
  let db: PgliteDatabase;
  let readModels: ReadModels;
  let config: ConfigurationCommands;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await runMigrations(db, [...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]);
    readModels = new ReadModels(db);
    config = new ConfigurationCommands(new PostgresEventStore(db, [configurationProjection]), readModels, new TokenService(randomBytes(32)));
  }, 60_000);
  afterAll(() => db?.close());

  const refusal = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: ApiError) => [error.constructor.name, error.type]);
  const createAgent = (organizationId: string, id: string) =>
    config.agent(organizationId, id, { type: 'create_agent', profile: newAgentProfile({ id, name: id }) });

  it('reports a refused command as the API error, and one on an agent id taken in another organization as already_exists', async () => {
    const { organizationId: a } = await config.createOrganization('A', { id: 'boss@a.example' });
    const { organizationId: b } = await config.createOrganization('B', { id: 'boss@b.example' });
    await createAgent(a, 'jo@a.example');
    expect(await refusal(createAgent(a, 'jo@a.example'))).toEqual(['ApiError', 'already_exists']);
    expect(await refusal(createAgent(b, 'jo@a.example'))).toEqual(['ApiError', 'already_exists']);
    expect(await readModels.agent(b, 'jo@a.example')).toBeUndefined();
    expect(await readModels.agent(a, 'jo@a.example')).toMatchObject({ profile: { id: 'jo@a.example' } });
  });
});
