import type { EventToRecord } from './delivery-store';
import { recordingPlan } from './event-recording';

const event = (id: string, version: number, sequence: number): EventToRecord => ({
  stream: { id, version, sequence, validSince: 7, acceptGap: false },
  candidates: [],
  eventCreatedAt: new Date(),
});

describe('which events of a batch go to the recording statement', () => {
  it('takes each stream from its lowest version while the versions follow each other, in any arrival order', () => {
    const plan = recordingPlan([event('chat-A', 3, 30), event('chat-B', 9, 31), event('chat-A', 2, 29), event('chat-A', 5, 33), event('chat-A', 3, 30)]);
    expect(plan.runs).toEqual([
      { stream_id: 'chat-A', first: 2, last: 3, last_sequence: 30, valid_since: 7, accept_gap: false },
      { stream_id: 'chat-B', first: 9, last: 9, last_sequence: 31, valid_since: 7, accept_gap: false },
    ]);
    // chat-A 5 waits behind the missing 4; the second copy of chat-A 3 is not recorded twice.
    expect(plan.inRun).toEqual([true, true, true, false, false]);
  });
});
