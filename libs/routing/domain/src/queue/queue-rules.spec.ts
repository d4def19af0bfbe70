import { DEFAULT_ROUTING_SETTINGS } from '../routing-settings';
import { admitToQueue, queueOpen, timedOutChats } from './queue-rules';

const settings = { ...DEFAULT_ROUTING_SETTINGS, queue_limit: 2 };

describe('queue rules', () => {
  it('given a free seat, a new chat is let in whatever the queue', () => {
    expect(admitToQueue({ canBeTakenNow: true, continuous: false, settings: { ...settings, queue_enabled: false }, queued: 9 })).toBe('admit');
  });

  it('given every seat taken, a new chat joins the queue until it is full, then it is refused with limit_reached', () => {
    expect(admitToQueue({ canBeTakenNow: false, continuous: false, settings, queued: 1 })).toBe('admit');
    expect(admitToQueue({ canBeTakenNow: false, continuous: false, settings, queued: 2 })).toBe('limit_reached');
    expect(queueOpen(settings, 1)).toBe(true);
    expect(queueOpen(settings, 2)).toBe(false);
  });

  it('given queues off, a chat nobody can take has nowhere to wait: the group is offline', () => {
    const off = { ...settings, queue_enabled: false };
    expect(admitToQueue({ canBeTakenNow: false, continuous: false, settings: off, queued: 0 })).toBe('groups_offline');
    expect(queueOpen(off, 0)).toBe(false);
  });

  it('given a continuous chat (Messaging Mode), it is let in even with the queue full or off', () => {
    expect(admitToQueue({ canBeTakenNow: false, continuous: true, settings: { ...settings, queue_enabled: false }, queued: 5 })).toBe('admit');
  });

  it('given chats waiting, those waiting the group’s queue_timeout_min or longer are due; 0 never times out', () => {
    const chats = [
      { chat_id: 'old', thread_id: 't1', group_id: 1, queued_at: '2026-01-01T10:00:00.000000Z' },
      { chat_id: 'new', thread_id: 't2', group_id: 1, queued_at: '2026-01-01T10:04:00.000000Z' },
      { chat_id: 'never', thread_id: 't3', group_id: 2, queued_at: '2026-01-01T09:00:00.000000Z' },
    ];
    const settingsOf = (group: number) => ({ ...settings, queue_timeout_min: group === 2 ? 0 : 5 });
    expect(timedOutChats(chats, settingsOf, '2026-01-01T10:05:00.000000Z').map((c) => c.chat_id)).toEqual(['old']);
    // A test's short minute: 1 s.
    expect(timedOutChats(chats, settingsOf, '2026-01-01T10:04:05.000000Z', 1000).map((c) => c.chat_id)).toEqual(['old', 'new']);
  });
});
