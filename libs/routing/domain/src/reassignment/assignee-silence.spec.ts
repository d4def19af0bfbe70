import { silenceDue } from './assignee-silence';

const MINUTE = 60_000;
const at = (min: number) => new Date(Date.UTC(2026, 10, 21, 10, min)).toISOString();

describe('an assignee silent for transfer_chat_after_min (routing.md §4)', () => {
  it('is due the set minutes after the customer wrote, when no agent answered since', () => {
    expect(silenceDue({ customer_last_event_at: at(10), agent_last_event_at: at(5), assignee_joined_at: at(1) }, 3, MINUTE)).toBe(at(13));
    expect(silenceDue({ customer_last_event_at: at(10), agent_last_event_at: null, assignee_joined_at: null }, 3, MINUTE)).toBe(at(13));
  });

  it('an agent who joined after the customer wrote (from the queue, or a transfer) gets the full time', () => {
    expect(silenceDue({ customer_last_event_at: at(10), agent_last_event_at: null, assignee_joined_at: at(20) }, 3, MINUTE)).toBe(at(23));
  });

  it('owes nothing once an agent answered, or when the setting is 0 (never)', () => {
    expect(silenceDue({ customer_last_event_at: at(10), agent_last_event_at: at(11), assignee_joined_at: at(1) }, 3, MINUTE)).toBeUndefined();
    expect(silenceDue({ customer_last_event_at: at(10), agent_last_event_at: null, assignee_joined_at: at(1) }, 0, MINUTE)).toBeUndefined();
  });

  it('counts minutes of the given length (tests shorten them)', () => {
    expect(silenceDue({ customer_last_event_at: at(10), agent_last_event_at: null, assignee_joined_at: null }, 2, 1000)).toBe(new Date(Date.parse(at(10)) + 2000).toISOString());
  });
});
