/**
 * A group's recent assignment rate (ADR 0038): an exponentially decaying
 * count of the queued chats it served, kept as `(weight, updated_at)`. Each
 * served chat adds 1 after the weight has decayed by `e^(-elapsed/τ)`; the
 * rate is `weight / τ`. A steady rate r settles at weight r·τ; an idle
 * group's weight fades, so an old rush does not promise short waits forever.
 */

/** τ: how long the estimator remembers, in seconds. */
export const RATE_MEMORY_SECONDS = 600;
/** Below this weight (no served chat for about 3τ) the rate counts as unknown. */
const MIN_WEIGHT = 0.05;

export interface AssignmentRate {
  weight: number;
  /** RFC 3339. */
  updated_at: string;
}

function decayed(rate: AssignmentRate, now: string): number {
  const elapsed = Math.max(0, (Date.parse(now) - Date.parse(rate.updated_at)) / 1000);
  return rate.weight * Math.exp(-elapsed / RATE_MEMORY_SECONDS);
}

/** The rate after `served` more chats were served at `now`. */
export function recordServed(rate: AssignmentRate | undefined, served: number, now: string): AssignmentRate {
  return { weight: (rate ? decayed(rate, now) : 0) + served, updated_at: now };
}

/** Chats served per second lately; undefined when there is nothing recent to go by. */
export function assignmentsPerSecond(rate: AssignmentRate | undefined, now: string): number | undefined {
  if (!rate) return undefined;
  const weight = decayed(rate, now);
  return weight < MIN_WEIGHT ? undefined : weight / RATE_MEMORY_SECONDS;
}
