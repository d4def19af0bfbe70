import { ChatState } from '@switchboard/chat/domain';
import { chatToRoute } from './chat-to-route';

const thread = (id: string, userIds: string[], properties = {}) => ({ id, active: false, created_at: '', user_ids: userIds, event_count: 0, properties, access: { group_ids: [2] } });

const chat = (changes: Partial<ChatState> = {}): ChatState => ({
  id: 'C1',
  users: [
    { id: 'cust', type: 'customer', present: true, visibility: 'all' },
    { id: 'ann', type: 'agent', present: false, visibility: 'all' },
    { id: 'bob', type: 'agent', present: false, visibility: 'all' },
  ],
  customer_id: 'cust',
  access: { group_ids: [2, 3] },
  properties: {},
  threads: [thread('T1', ['cust', 'ann', 'bob']), { ...thread('T2', ['cust']), active: true }],
  continuous: false,
  ...changes,
});

describe('a chat as routing sees it', () => {
  it('given a returning customer, then the recent agent is the last agent who joined the previous thread', () => {
    expect(chatToRoute(chat())).toEqual({ group_ids: [2, 3], recent_agent_id: 'bob' });
  });

  it('given a first thread, then there is no recent agent', () => {
    expect(chatToRoute(chat({ threads: [thread('T1', ['cust'])] })).recent_agent_id).toBeUndefined();
  });

  it('given routing.ignore_bots on the thread and routing.ignore_agents_routing on the chat, then both count (and on the other level too)', () => {
    const flagged = chat({ properties: { routing: { ignore_agents_routing: true } }, threads: [thread('T1', ['cust'], { routing: { ignore_bots: true } })] });
    expect(chatToRoute(flagged)).toMatchObject({ ignore_bots: true, ignore_agents_routing: true });
    const swapped = chat({ properties: { routing: { ignore_bots: true } }, threads: [thread('T1', ['cust'], { routing: { ignore_agents_routing: true, ignore_bots: false } })] });
    expect(chatToRoute(swapped)).toMatchObject({ ignore_bots: true, ignore_agents_routing: true });
    expect(chatToRoute(chat({ properties: { routing: { ignore_bots: false } } }))).not.toHaveProperty('ignore_bots');
  });
});
