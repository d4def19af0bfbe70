import { changedPlacements, estimateWaitTime, placeInQueues, queueLengths, UNKNOWN_RATE_SECONDS_PER_CHAT, WaitingChat } from './queue-positions';

const waiting = (chat_id: string, group_id: number, queued_at: string): WaitingChat => ({ chat_id, thread_id: `T-${chat_id}`, group_id, queued_at });

describe('queue positions', () => {
  it('given chats waiting in two groups, when placed, then each group counts its own queue, oldest first', () => {
    const chats = [
      waiting('late', 1, '2026-01-01T10:05:00.000000Z'),
      waiting('other', 2, '2026-01-01T10:00:00.000000Z'),
      waiting('early', 1, '2026-01-01T10:01:00.000000Z'),
      waiting('tie-b', 1, '2026-01-01T10:02:00.000000Z'),
      waiting('tie-a', 1, '2026-01-01T10:02:00.000000Z'),
    ];
    const placed = placeInQueues(chats, new Map());
    expect(placed.map((p) => [p.chat_id, p.group_id, p.position])).toEqual([
      ['other', 2, 1],
      ['early', 1, 1],
      ['tie-a', 1, 2],
      ['tie-b', 1, 3],
      ['late', 1, 4],
    ]);
    expect(queueLengths(chats)).toEqual(new Map([[1, 4], [2, 1]]));
  });

  it('given a group serving one chat a minute, then the third in line waits about three minutes', () => {
    expect(estimateWaitTime(3, 1 / 60)).toBe(180);
    const [placed] = placeInQueues([waiting('a', 4, '2026-01-01T10:00:00Z')], new Map([[4, 0.5]]));
    expect(placed).toMatchObject({ position: 1, wait_time: 2 });
  });

  it('given a group with no recent assignment, then each chat ahead counts a fixed time', () => {
    expect(estimateWaitTime(2, undefined)).toBe(2 * UNKNOWN_RATE_SECONDS_PER_CHAT);
    expect(estimateWaitTime(2, 0)).toBe(2 * UNKNOWN_RATE_SECONDS_PER_CHAT);
  });

  it('given the placements told before, then only new ones and moved ones are news (a new wait estimate alone is not)', () => {
    const before = placeInQueues([waiting('a', 1, '2026-01-01T10:00:00Z'), waiting('b', 1, '2026-01-01T10:01:00Z')], new Map());
    const after = placeInQueues([waiting('b', 1, '2026-01-01T10:01:00Z'), waiting('c', 1, '2026-01-01T10:02:00Z')], new Map([[1, 1]]));
    expect(changedPlacements(before, after).map((p) => [p.chat_id, p.position])).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
    const sameAgain = after.map((p) => ({ ...p, wait_time: p.wait_time + 5 }));
    expect(changedPlacements(after, sameAgain)).toEqual([]);
  });
});
