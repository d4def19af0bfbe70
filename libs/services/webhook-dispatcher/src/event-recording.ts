import type { CandidateDelivery, ChainState, CursorOutcome, EventToRecord, RecordOutcome } from './delivery-store';

/**
 * How a batch of events is recorded in one statement (ADR 0044): per stream,
 * its events in version order from the lowest, as long as the versions follow
 * each other (a run). The statement takes a run when the stream's cursor
 * stands right before it, inside it (the rest is new), or may be passed
 * (stale, or a gap given up on); events after a break in the versions wait
 * for the next round, like events behind a gap.
 */
export interface RecordingPlan {
  runs: Array<{ stream_id: string; first: number; last: number; last_sequence: number; valid_since: number; accept_gap: boolean }>;
  /** Per event: whether it is in its stream's run (and its deliveries go to the statement). */
  inRun: boolean[];
}

export function recordingPlan(events: readonly EventToRecord[]): RecordingPlan {
  const byStream = new Map<string, number[]>();
  events.forEach((event, i) => byStream.set(event.stream.id, [...(byStream.get(event.stream.id) ?? []), i]));
  const inRun = events.map(() => false);
  const runs: RecordingPlan['runs'] = [];
  for (const [streamId, indexes] of byStream) {
    const ordered = [...indexes].sort((a, b) => events[a].stream.version - events[b].stream.version);
    const first = events[ordered[0]].stream;
    let last = first;
    inRun[ordered[0]] = true;
    for (const i of ordered.slice(1)) {
      const { version } = events[i].stream;
      if (version === last.version) continue; // the same event twice: once is enough
      if (version !== last.version + 1) break;
      last = events[i].stream;
      inRun[i] = true;
    }
    runs.push({ stream_id: streamId, first: first.version, last: last.version, last_sequence: last.sequence, valid_since: first.validSince, accept_gap: first.acceptGap });
  }
  return { runs, inRun };
}

/** What the statement answered: cursors before it, streams it advanced, each webhook chain's state before it, the deliveries it inserted. */
export interface RecordingResult {
  previous: ReadonlyMap<string, number>;
  advanced: ReadonlySet<string>;
  states: ReadonlyMap<string, ChainState>;
  /** Inserted delivery ids, and whether each was claimed for this replica. */
  inserted: ReadonlyMap<string, boolean>;
}

export const chainKey = (d: { webhook_id: string; chain: string }): string => `${d.webhook_id}\u0000${d.chain}`;

/**
 * Each event's outcome and the deliveries this statement recorded for it.
 * Within a webhook's chain the first delivery recorded goes by what was
 * pending before the batch; those after it are behind it (`mine`).
 */
export function settleRecording(events: readonly EventToRecord[], plan: RecordingPlan, result: RecordingResult): RecordOutcome[] {
  const seen = new Set<string>();
  const outcomeOf = (event: EventToRecord, i: number): CursorOutcome => {
    const previous = result.previous.get(event.stream.id);
    if (previous !== undefined && event.stream.version <= previous) return 'duplicate';
    return plan.inRun[i] && result.advanced.has(event.stream.id) ? 'advanced' : 'gap';
  };
  const outcomes = events.map(outcomeOf);
  const order = events.map((_, i) => i).sort((a, b) => compareOrd(events[a].candidates[0], events[b].candidates[0]));
  const recorded: RecordOutcome[] = events.map((_, i) => ({ outcome: outcomes[i], recorded: [] }));
  for (const i of order) {
    if (outcomes[i] !== 'advanced') continue;
    recorded[i].recorded = events[i].candidates.flatMap((d) => {
      const claim = result.inserted.get(d.id);
      if (claim === undefined) return [];
      const key = chainKey(d);
      const chainState: ChainState = seen.has(key) ? 'mine' : (result.states.get(key) ?? 'clear');
      seen.add(key);
      return [{ ...d, chainState, claim }];
    });
  }
  return recorded;
}

function compareOrd(a: CandidateDelivery | undefined, b: CandidateDelivery | undefined): number {
  const difference = BigInt(a?.ord ?? 0) - BigInt(b?.ord ?? 0);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
