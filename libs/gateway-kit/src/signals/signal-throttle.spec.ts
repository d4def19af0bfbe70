import { SignalThrottle } from './signal-throttle';

describe('signal throttle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first signal at once, then the latest of each interval, per key', () => {
    const sent: string[] = [];
    const throttle = new SignalThrottle<string>(250, (value) => sent.push(value));
    throttle.offer('chat-a', 'H');
    throttle.offer('chat-a', 'He');
    throttle.offer('chat-a', 'Hel');
    throttle.offer('chat-b', 'other chat');
    expect(sent).toEqual(['H', 'other chat']);
    jest.advanceTimersByTime(250);
    expect(sent).toEqual(['H', 'other chat', 'Hel']);
    throttle.offer('chat-a', 'Hello');
    jest.advanceTimersByTime(250);
    expect(sent.at(-1)).toBe('Hello');
    // A quiet interval ends the window: the next signal goes at once again.
    jest.advanceTimersByTime(250);
    throttle.offer('chat-a', 'Hello!');
    expect(sent.at(-1)).toBe('Hello!');
    expect(throttle.waiting).toBe(0);
  });

  it('lets through at most one signal per interval for a client typing without pause', () => {
    const sent: number[] = [];
    const throttle = new SignalThrottle<number>(250, (value) => sent.push(value));
    for (let keystroke = 1; keystroke <= 100; keystroke++) {
      throttle.offer('chat', keystroke);
      jest.advanceTimersByTime(10);
    }
    jest.advanceTimersByTime(500);
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)).toBe(100);
  });
});
