import { ConfigurationRuleError } from './agent';
import { BotEvent, decideBot, foldBot, newBotProfile } from './bot';

const BOT = '5c9871d5372c824cbf22d860a707a578';
const APP = 'a'.repeat(32);
const profile = newBotProfile({ id: BOT, name: 'Helper', owner_client_id: APP, created_with: 'bearer' });

const failsWith = (run: () => unknown, type: string) => {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigurationRuleError);
  expect((caught as ConfigurationRuleError).type).toBe(type);
};

describe('bots', () => {
  const created: BotEvent[] = decideBot(undefined, { type: 'create_bot', profile });

  it('are created with the documented defaults, offline, in group 0', () => {
    expect(created).toEqual([
      {
        type: 'bot_created',
        data: {
          id: BOT,
          name: 'Helper',
          max_chats_count: 6,
          default_group_priority: 'normal',
          groups: [{ id: 0, priority: 'normal' }],
          owner_client_id: APP,
          created_with: 'bearer',
        },
      },
    ]);
    expect(foldBot(created)?.routing_status).toBe('offline');
  });

  it('give a group named without a priority the default group priority, and list each group once', () => {
    const bot = newBotProfile({
      id: BOT,
      name: 'Helper',
      owner_client_id: APP,
      created_with: 'pat',
      default_group_priority: 'first',
      groups: [{ id: 0 }, { id: 2, priority: 'last' }, { id: 2, priority: 'supervisor' }],
    });
    expect(bot.groups).toEqual([
      { id: 0, priority: 'first' },
      { id: 2, priority: 'supervisor' },
    ]);
  });

  it('record only what an update really changes, and nothing when nothing changes', () => {
    const state = foldBot(created);
    expect(decideBot(state, { type: 'update_bot', id: BOT, changes: { name: 'Helper', max_chats_count: 500 } })).toEqual([
      { type: 'bot_updated', data: { id: BOT, max_chats_count: 500 } },
    ]);
    expect(decideBot(state, { type: 'update_bot', id: BOT, changes: { name: 'Helper' } })).toEqual([]);
  });

  it('take routing statuses, offline included, and announce only real changes', () => {
    const accepting = decideBot(foldBot(created), { type: 'set_routing_status', id: BOT, status: 'accepting_chats' });
    expect(accepting).toEqual([{ type: 'routing_status_set', data: { agent_id: BOT, status: 'accepting_chats' } }]);
    const state = foldBot([...created, ...accepting]);
    expect(decideBot(state, { type: 'set_routing_status', id: BOT, status: 'accepting_chats' })).toEqual([]);
    expect(decideBot(state, { type: 'set_routing_status', id: BOT, status: 'offline' })).toHaveLength(1);
  });

  it('once deleted, are offline and can be neither updated, set to a status, deleted nor created again', () => {
    const accepting = decideBot(foldBot(created), { type: 'set_routing_status', id: BOT, status: 'accepting_chats' });
    const deleted = [...created, ...accepting, ...decideBot(foldBot([...created, ...accepting]), { type: 'delete_bot', id: BOT })];
    const state = foldBot(deleted);
    expect(state).toMatchObject({ deleted: true, routing_status: 'offline' });
    failsWith(() => decideBot(state, { type: 'update_bot', id: BOT, changes: { name: 'X' } }), 'not_found');
    failsWith(() => decideBot(state, { type: 'set_routing_status', id: BOT, status: 'accepting_chats' }), 'not_found');
    failsWith(() => decideBot(state, { type: 'delete_bot', id: BOT }), 'not_found');
    failsWith(() => decideBot(state, { type: 'create_bot', profile }), 'already_exists');
  });

  it('that do not exist are not_found', () => {
    failsWith(() => decideBot(undefined, { type: 'update_bot', id: BOT, changes: { name: 'X' } }), 'not_found');
    failsWith(() => decideBot(undefined, { type: 'delete_bot', id: BOT }), 'not_found');
  });
});
