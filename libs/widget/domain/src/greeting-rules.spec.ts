import { greetingFor, reachedGoals } from './greeting-rules';
import { GreetingDefinition } from './widget-configuration';

const greeting = (id: number, changes: Partial<GreetingDefinition> = {}): GreetingDefinition => ({
  id,
  group_id: 0,
  agent_id: 'a@example.com',
  event: { type: 'message', text: 'Hi' },
  rule: {},
  active: true,
  ...changes,
});

describe('greeting rules and goals', () => {
  const page = { url: 'https://shop.example.com/pricing', group_id: 1, page_views: 2 };

  it('shows the first active matching greeting of the group not shown in this visit yet', () => {
    const greetings = [
      greeting(1, { rule: { url_contains: '/checkout' } }),
      greeting(2, { active: false, rule: { url_contains: '/pricing' } }),
      greeting(3, { group_id: 5, rule: { url_contains: '/pricing' } }),
      greeting(4, { rule: { url_contains: '/pricing', min_page_views: 2 } }),
      greeting(5, { rule: { url_contains: '/pricing' } }),
    ];
    expect(greetingFor(greetings, page, new Set())?.id).toBe(4);
    expect(greetingFor(greetings, page, new Set([4]))?.id).toBe(5);
    expect(greetingFor(greetings, { ...page, page_views: 1 }, new Set([5]))).toBeUndefined();
  });

  it('reaches goals by page URL or session field, in the goal’s group', () => {
    const goals = [
      { id: 1, name: 'bought', group_id: 0, url_contains: '/thank-you' },
      { id: 2, name: 'vip', group_id: 1, session_field: { key: 'plan', value: 'vip' } },
      { id: 3, name: 'other group', group_id: 9, url_contains: '/thank-you' },
      { id: 4, name: 'empty', group_id: 0 },
    ];
    const reached = reachedGoals(goals, { page_url: 'https://x.test/thank-you', group_id: 1, session_fields: [{ plan: 'vip' }] });
    expect(reached.map((g) => g.id)).toEqual([1, 2]);
    expect(reachedGoals(goals, { page_url: 'https://x.test/', group_id: 1, session_fields: [] })).toEqual([]);
  });
});
