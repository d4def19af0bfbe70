/**
 * Calls `fn` at most once every `ms`, with the latest arguments: the first
 * call at once, later ones at the end of the interval. `cancel` drops a call
 * still waiting (the sneak peek of a message that has just been sent).
 */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: A | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    last = Date.now();
    if (waiting) fn(...waiting);
    waiting = undefined;
  };
  return {
    call(...args: A) {
      waiting = args;
      const wait = last + ms - Date.now();
      if (wait <= 0) run();
      else timer ??= setTimeout(run, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      waiting = undefined;
    },
  };
}
