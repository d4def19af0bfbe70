import type { Counter, Histogram } from 'prom-client';
import { ApiName, findMethod, isApiError } from '@switchboard/protocol';

/** What a request ended with, as a label: `ok` or the spec's error type. */
export function outcomeOf(error: unknown): string {
  return isApiError(error) ? error.type : 'internal';
}

type RequestLabels = 'api' | 'action' | 'transport' | 'outcome';

interface OutcomeChildren {
  count: { inc(): void };
  duration: { observe(seconds: number): void };
}

/**
 * Counts and times the requests of one API over one transport. The label
 * children are looked up once per (action, outcome) and kept, so a request
 * costs two map look-ups; an action the API does not have is counted as
 * `unknown`, so a client cannot mint label values.
 */
export class RequestMeter {
  private readonly actions = new Map<string, Map<string, OutcomeChildren>>();
  private readonly unknown = new Map<string, OutcomeChildren>();

  constructor(
    readonly api: ApiName,
    readonly transport: 'web' | 'rtm',
    private readonly requests: Counter<RequestLabels>,
    private readonly durations: Histogram<RequestLabels>,
  ) {}

  /** One request of `action` ended with `outcome` (`ok` or an error type) after `seconds`. */
  record(action: string, outcome: string, seconds: number): void {
    let outcomes = this.actions.get(action);
    if (outcomes === undefined) {
      if (findMethod(this.api, action)) this.actions.set(action, (outcomes = new Map()));
      else outcomes = this.unknown;
    }
    let children = outcomes.get(outcome);
    if (children === undefined) {
      const name = outcomes === this.unknown ? 'unknown' : action;
      children = {
        count: this.requests.labels(this.api, name, this.transport, outcome),
        duration: this.durations.labels(this.api, name, this.transport, outcome),
      };
      outcomes.set(outcome, children);
    }
    children.count.inc();
    children.duration.observe(seconds);
  }
}
