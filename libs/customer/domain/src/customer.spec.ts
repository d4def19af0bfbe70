import { CustomerCommand, CustomerEvent, CustomerRuleError, decideCustomer, foldCustomer, isBanned } from './customer';

const NOW = '2026-11-27T10:00:00.000Z';
const ID = '0b7e8c3a-1f2d-4c5b-8a9e-0d1c2b3a4f5e';

/** Given events, when a command, then the state after the decided events. */
function run(given: CustomerEvent[], command: CustomerCommand) {
  const decided = decideCustomer(foldCustomer(given), command);
  return { decided, state: foldCustomer([...given, ...decided]) };
}
const created: CustomerEvent = { type: 'customer_created', data: { id: ID, created_at: NOW, name: 'Ann', email: 'ann@example.com' } };

describe('customer decider', () => {
  it('creates a customer once, with the profile given', () => {
    const { state } = run([], { type: 'create_customer', id: ID, now: NOW, profile: { name: 'Ann' } });
    expect(state).toMatchObject({ id: ID, name: 'Ann', created_at: NOW, statistics: { visits_count: 0 } });
    expect(() => run([created], { type: 'create_customer', id: ID, now: NOW })).toThrow(CustomerRuleError);
  });

  it('records only the fields that change, and a new e-mail is no longer verified', () => {
    const verified: CustomerEvent = { type: 'customer_updated', data: { id: ID, email_verified: true } };
    const { decided, state } = run([created, verified], { type: 'update_customer', id: ID, profile: { name: 'Ann', email: 'new@example.com' } });
    expect(decided).toEqual([{ type: 'customer_updated', data: { id: ID, email: 'new@example.com', email_verified: false } }]);
    expect(state?.email_verified).toBe(false);
    expect(run([created], { type: 'update_customer', id: ID, profile: { name: 'Ann' } }).decided).toEqual([]);
  });

  it('counts visits and page views and keeps the last pages of the current visit', () => {
    let events: CustomerEvent[] = [created];
    events = [...events, ...run(events, { type: 'start_visit', id: ID, visit_id: 'v1', now: NOW, referrer: 'https://r.example' }).decided];
    for (let i = 0; i < 25; i++) {
      events = [...events, ...run(events, { type: 'view_page', id: ID, visit_id: 'v1', now: NOW, url: `https://shop.example/${i}` }).decided];
    }
    const state = foldCustomer(events)!;
    expect(state.statistics).toMatchObject({ visits_count: 1, page_views_count: 25 });
    expect(state.last_visit?.last_pages).toHaveLength(20);
    expect(state.last_visit?.last_pages.at(-1)?.url).toBe('https://shop.example/24');
    const ended = run(events, { type: 'end_visit', id: ID, now: NOW });
    expect(ended.state?.last_visit?.ended_at).toBe(NOW);
    expect(() => run([...events, ...ended.decided], { type: 'view_page', id: ID, visit_id: 'v1', now: NOW, url: 'https://x' })).toThrow('ended');
  });

  it('ends only the visit named: a visit started after the customer left stays open', () => {
    const first = [created, ...run([created], { type: 'start_visit', id: ID, visit_id: 'v1', now: NOW }).decided];
    const second = [...first, ...run(first, { type: 'start_visit', id: ID, visit_id: 'v2', now: NOW }).decided];
    expect(run(second, { type: 'end_visit', id: ID, now: NOW, visit_id: 'v1' }).decided).toEqual([]);
    expect(run(second, { type: 'end_visit', id: ID, now: NOW, visit_id: 'v2' }).state?.last_visit).toMatchObject({ id: 'v2', ended_at: NOW });
  });

  it('starts a visit "if none is open" only when none is: a second login racing the first joins its visit', () => {
    const open = [created, ...run([created], { type: 'start_visit', id: ID, visit_id: 'v1', now: NOW, if_none_open: true }).decided];
    expect(foldCustomer(open)?.last_visit).toEqual({ id: 'v1', started_at: NOW, last_pages: [] });
    expect(run(open, { type: 'start_visit', id: ID, visit_id: 'v2', now: NOW, if_none_open: true }).decided).toEqual([]);
    const ended = [...open, ...run(open, { type: 'end_visit', id: ID, now: NOW }).decided];
    expect(run(ended, { type: 'start_visit', id: ID, visit_id: 'v2', now: NOW, if_none_open: true }).state?.last_visit?.id).toBe('v2');
  });

  it('bans for whole days from now', () => {
    const { state } = run([created], { type: 'ban_customer', id: ID, now: NOW, days: 2 });
    expect(state?.banned_until).toBe('2026-11-29T10:00:00.000Z');
    expect(isBanned(state, '2026-11-29T09:59:59.000Z')).toBe(true);
    expect(isBanned(state, '2026-11-29T10:00:00.000Z')).toBe(false);
    expect(() => run([created], { type: 'ban_customer', id: ID, now: NOW, days: 0 })).toThrow(CustomerRuleError);
  });

  it('shows one greeting at a time: a new one cancels the one displayed, and only the shown one can be answered', () => {
    const greeting = { id: 7, unique_id: 'g1', subtype: 'announcement', event: { type: 'message', text: 'Hi' }, agent: { id: 'a@x' } };
    let events = [created, ...run([created], { type: 'display_greeting', id: ID, now: NOW, greeting }).decided];
    expect(foldCustomer(events)?.greeting).toMatchObject({ unique_id: 'g1', displayed_first_time: true });
    const second = run(events, { type: 'display_greeting', id: ID, now: NOW, greeting: { ...greeting, unique_id: 'g2' } });
    expect(second.decided.map((e) => e.type)).toEqual(['greeting_canceled', 'greeting_displayed']);
    events = [...events, ...second.decided];
    expect(() => run(events, { type: 'accept_greeting', id: ID, unique_id: 'g1', greeting_id: 7 })).toThrow('Greeting not found');
    const accepted = run(events, { type: 'accept_greeting', id: ID, unique_id: 'g2', greeting_id: 7 });
    expect(accepted.state).toMatchObject({ greeting: undefined, statistics: { greetings_shown_count: 2, greetings_accepted_count: 1 } });
  });

  it('verifies the e-mail a pending request was made for, within 7 days', () => {
    const requested = run([created], { type: 'request_email_verification', id: ID, now: NOW, verification_id: 'r1', callback_uri: 'https://cb' });
    const events = [created, ...requested.decided];
    expect(() => run(events, { type: 'verify_email', id: ID, verification_id: 'r1', now: '2026-12-05T10:00:00.000Z' })).toThrow(CustomerRuleError);
    expect(run(events, { type: 'verify_email', id: ID, verification_id: 'r1', now: NOW }).state?.email_verified).toBe(true);
  });

  it('refuses commands on an unknown customer with not_found', () => {
    expect(() => decideCustomer(undefined, { type: 'follow_customer', id: ID, agent_id: 'a@x' })).toThrow(expect.objectContaining({ type: 'not_found' }));
  });

  it('records the goals a customer reaches, each once', () => {
    const first = run([created], { type: 'record_goals', id: ID, now: NOW, goal_ids: [1, 2, 2], page_url: 'https://x/thanks', group_id: 0 });
    expect(first.decided).toEqual([
      { type: 'customer_goals_reached', data: { id: ID, goal_ids: [1, 2], page_url: 'https://x/thanks', group_id: 0, reached_at: NOW } },
    ]);
    const again = run([created, ...first.decided], { type: 'record_goals', id: ID, now: NOW, goal_ids: [2, 3], page_url: 'https://x/', group_id: 0 });
    expect(again.decided[0]?.data).toMatchObject({ goal_ids: [3] });
    expect(again.state?.goals_reached).toEqual([1, 2, 3]);
    expect(run([created, ...first.decided], { type: 'record_goals', id: ID, now: NOW, goal_ids: [1], page_url: 'https://x/', group_id: 0 }).decided).toEqual([]);
  });
});
