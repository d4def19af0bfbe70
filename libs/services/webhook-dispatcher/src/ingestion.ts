import { createHash } from 'node:crypto';
import { EventMessage } from '@switchboard/event-store';
import { StreamEntry } from '@switchboard/messaging';
import { matchesRegistration, webhookEnvelope, WebhookOccurrence, WebhookRegistration } from '@switchboard/webhooks/domain';
import { CandidateDelivery, DeliveryBody, DeliveryStore, RecordedDelivery } from './delivery-store';
import { DeliveryEngine } from './delivery-engine';
import { WebhookRegistry } from './webhook-registry';

/** What an event causes, as webhooks see it (the 36 actions' payloads). */
export type OccurrenceSource = (message: EventMessage) => Promise<WebhookOccurrence[]>;

/** Thrown when the stream's previous event is still in another replica's hands: the entry comes again shortly. */
export class OutOfOrderError extends Error {}

/**
 * A gap that lasts this long is not a replica working on the earlier event
 * (its entries come back after the consumer's ack wait) but an event that will
 * never come: it is accepted.
 */
const GAP_GIVE_UP_MS = 30_000;

/** How long an entry waits for the previous one of its stream before it is handed back, and how often it looks. */
const GAP_WAIT_MS = 5000;
const GAP_POLL_MS = 10;

/** Occurrences of one event are numbered after its global position, so a chain's order is total. */
const OCCURRENCES_PER_EVENT = 64n;

function deliveryId(eventId: string, webhookId: string, index: number): string {
  return createHash('sha256').update(`${eventId}\u0000${webhookId}\u0000${index}`).digest('hex').slice(0, 32);
}

/** The subject's organization token (`<prefix>.<organization>.<stream type>.<id>`), decoded. */
function organizationOf(subject: string): string {
  return decodeURIComponent(subject.split('.')[1] ?? '');
}

/**
 * Turns the durable consumer's entries, a batch at a time, into the
 * deliveries they owe (ADR 0044): matched against the registrations in
 * memory, recorded in one statement with their streams' cursors (exactly
 * once, in stream order), and handed to the engine when this replica can send
 * them in order. Entries of organizations without webhooks cost a map look-up.
 */
export class Ingestion {
  private readonly gaps = new Map<string, number>();

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly store: DeliveryStore,
    private readonly engine: DeliveryEngine,
    private readonly occurrencesOf: OccurrenceSource,
    private readonly retryForMs: () => number,
  ) {}

  /** Entries in stream order; resolves once every one is recorded (or was before). */
  async handleBatch(entries: StreamEntry[]): Promise<void> {
    await this.registry.caughtUp(entries[entries.length - 1].sequence);
    const events: IngestedEvent[] = [];
    for (const entry of entries) {
      const organizationId = organizationOf(entry.subject);
      const since = this.registry.since(organizationId);
      if (since === undefined) continue;
      const message = entry.payload as EventMessage;
      const registrations = this.registry.active(organizationId);
      // In order: a chat's next event folds on from the state of the one before.
      const occurrences = registrations.length > 0 ? await this.occurrencesOf(message) : [];
      events.push({ message, sequence: entry.sequence, since, matches: this.match(registrations, occurrences) });
    }
    if (events.length > 0) await this.recordInOrder(events);
  }

  /**
   * Records the events once the previous event of each one's stream is
   * recorded: another replica may be on it right now, so a gap is waited out
   * here, the rest of the batch recorded meanwhile (entries of one replica are
   * in stream order, so replicas waiting on each other always wait on an
   * earlier entry, never in a circle). A gap longer than that hands the batch
   * back to the stream (the earlier entry's replica may have died: its
   * entries come again after the ack wait; what was recorded is then a
   * duplicate), and one lasting past GAP_GIVE_UP_MS is an event that will
   * never come: it is accepted.
   */
  private async recordInOrder(events: IngestedEvent[]): Promise<void> {
    const waitUntil = Date.now() + GAP_WAIT_MS;
    for (let waiting = events; ; ) {
      // Decided once for the round, so a chain's deliveries in it are all claimed or none.
      const room = this.engine.hasRoom();
      const records = waiting.map((event) => {
        const firstSeen = this.gaps.get(gapKey(event.message));
        return {
          stream: {
            id: event.message.stream_id,
            version: event.message.stream_version,
            sequence: event.sequence,
            validSince: event.since,
            acceptGap: firstSeen !== undefined && Date.now() - firstSeen > GAP_GIVE_UP_MS,
          },
          candidates: this.candidates(event.message, event.matches, room),
          eventCreatedAt: new Date(event.message.created_at),
        };
      });
      const results = await this.store.recordEvents(records, this.retryForMs());
      const gaps = waiting.filter((_, i) => results[i].outcome === 'gap');
      waiting.forEach((event, i) => results[i].outcome !== 'gap' && this.gaps.delete(gapKey(event.message)));
      await this.send(results.flatMap((r) => r.recorded));
      if (gaps.length === 0) return;
      for (const event of gaps) if (!this.gaps.has(gapKey(event.message))) this.gaps.set(gapKey(event.message), Date.now());
      if (Date.now() > waitUntil) {
        const first = gaps[0].message;
        throw new OutOfOrderError(`${first.stream_id} version ${first.stream_version} came before the previous one`);
      }
      await new Promise((resolve) => setTimeout(resolve, GAP_POLL_MS));
      waiting = gaps;
    }
  }

  /** Hands the engine what this replica claimed, in order; what it cannot send in order goes back. */
  private async send(recorded: RecordedDelivery[]): Promise<void> {
    const givenBack: string[] = [];
    for (const delivery of recorded) {
      if (!delivery.claim) continue;
      if (delivery.chainState === 'foreign' || !this.engine.take({ ...delivery, attempts: 0, deadline: new Date(Date.now() + this.retryForMs()) }, delivery.chainState)) {
        givenBack.push(delivery.id);
      }
    }
    if (givenBack.length > 0) await this.store.release(givenBack);
  }

  private match(registrations: readonly WebhookRegistration[], occurrences: WebhookOccurrence[]): Match[] {
    const matches: Match[] = [];
    occurrences.forEach((occurrence, index) => {
      for (const registration of registrations) {
        if (matchesRegistration(registration, occurrence)) matches.push({ registration, occurrence, index });
      }
    });
    return matches;
  }

  /** The deliveries to record; this replica sends those it can hold (not paused, `room` in memory) when first in their chain. */
  private candidates(message: EventMessage, matches: Match[], room: boolean): CandidateDelivery[] {
    const base = BigInt(message.global_position) * OCCURRENCES_PER_EVENT;
    return matches.map(({ registration, occurrence, index }) => {
      const { webhook_id: _id, secret_key: _secret, ...parts } = webhookEnvelope(registration, occurrence);
      return {
        id: deliveryId(message.event_id, registration.id, index),
        organization_id: message.organization_id,
        webhook_id: registration.id,
        chain: message.stream_id,
        ord: (base + BigInt(index)).toString(),
        url: registration.url,
        body: parts satisfies DeliveryBody,
        event_id: message.event_id,
        event_created_at: new Date(message.created_at),
        claimable: room && !this.registry.isPaused(message.organization_id, registration.id),
      };
    });
  }
}

const gapKey = (message: EventMessage) => `${message.stream_id}@${message.stream_version}`;

interface IngestedEvent {
  message: EventMessage;
  sequence: number;
  /** The organization's webhooks' validity (WebhookRegistry.since). */
  since: number;
  matches: Match[];
}

interface Match {
  registration: WebhookRegistration;
  occurrence: WebhookOccurrence;
  index: number;
}
