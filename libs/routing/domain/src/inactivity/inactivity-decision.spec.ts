import { decideInactivity, inactivityMessage, ThreadActivity } from './inactivity-decision';

const MINUTE = 60_000;
const T0 = '2024-05-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * MINUTE).toISOString();
const clock = (minutes: number) => ({ now: at(minutes), minuteMs: MINUTE });

/** given a thread / when the timer looks at it at minute n with a timeout / then the action. */
const given = (thread: Partial<ThreadActivity>) => ({
  when: (minutes: number, timeoutMin = 30) => decideInactivity({ thread_id: 'T1', continuous: false, idle: false, last_activity_at: T0, ...thread }, timeoutMin, clock(minutes)),
});

describe('inactivity timer (routing.md §1.5–§1.6)', () => {
  it('leaves a thread alone until it has been silent for the whole timeout', () => {
    expect(given({}).when(29.99)).toEqual({ kind: 'none' });
  });

  it('archives a thread silent for the timeout, naming the minutes', () => {
    expect(given({}).when(30)).toEqual({ kind: 'archive', minutes: 30 });
    expect(given({}).when(5, 5)).toEqual({ kind: 'archive', minutes: 5 });
  });

  it('counts from the last activity, not from the thread start', () => {
    expect(given({ last_activity_at: at(20) }).when(45)).toEqual({ kind: 'none' });
    expect(given({ last_activity_at: at(20) }).when(50)).toEqual({ kind: 'archive', minutes: 30 });
  });

  it('never fires with the timeout 0 (off)', () => {
    expect(given({}).when(100_000, 0)).toEqual({ kind: 'none' });
  });

  it('marks a silent continuous chat idle instead of archiving it, once per silence', () => {
    expect(given({ continuous: true }).when(30)).toEqual({ kind: 'mark_idle', minutes: 30 });
    expect(given({ continuous: true, idle: true, last_system_message_at: at(30) }).when(90)).toEqual({ kind: 'none' });
  });

  it('an idle thread someone wrote in since the mark is idle no more; silent again, it is marked again', () => {
    expect(given({ continuous: true, idle: true, last_system_message_at: at(30), last_activity_at: at(40) }).when(41)).toEqual({ kind: 'clear_idle' });
    expect(given({ continuous: true, idle: false, last_system_message_at: at(30), last_activity_at: at(40) }).when(70)).toEqual({ kind: 'mark_idle', minutes: 30 });
  });

  it('the texts are the documented ones', () => {
    expect(inactivityMessage('archive', 30)).toEqual({
      system_message_type: 'routing.archived_inactive',
      text: 'Chat archived due to 30 minutes of inactivity',
      text_vars: { duration: '30' },
    });
    expect(inactivityMessage('mark_idle', 15)).toEqual({ system_message_type: 'routing.idle', text: 'Chat is idle due to 15 minutes of inactivity', text_vars: { duration: '15' } });
  });
});
