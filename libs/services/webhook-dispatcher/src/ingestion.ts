import { createHash } from 'node:crypto';
import { EventMessage } from '@switchboard/event-store';
import { StreamEntry } from '@switchboard/messaging';
import { matchesRegistration, webhookEnvelope, WebhookOccurrence, WebhookRegistration } from '@switchboard/webhooks/domain';
import { CandidateDelivery, DeliveryBody, DeliveryStore } from './delivery-store';
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
 * Turns each entry of the durable consumer into the deliveries it owes
 * (ADR 0044): matched against the registrations in memory, recorded in one
 * transaction with the stream's cursor (exactly once, in stream order), and
 * handed to the engine when this replica can send them in order. Entries of
 * organizations without webhooks cost a map look-up.
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

  async handle(entry: StreamEntry): Promise<void> {
    await this.registry.caughtUp(entry.sequence);
    const organizationId = organizationOf(entry.subject);
    const since = this.registry.since(organizationId);
    if (since === undefined) return;
    const message = entry.payload as EventMessage;
    const registrations = this.registry.active(organizationId);
    const occurrences = registrations.length > 0 ? await this.occurrencesOf(message) : [];
    const matches = this.match(registrations, occurrences);
    const { outcome, recorded } = await this.recordInOrder(message, entry.sequence, since, matches);
    if (outcome === 'gap') throw new OutOfOrderError(`${message.stream_id} version ${message.stream_version} came before the previous one`);
    const givenBack: string[] = [];
    const claimedWebhooks = new Set<string>();
    for (const delivery of recorded) {
      if (!delivery.claim) continue;
      // A later occurrence of the same event and webhook follows the first one's chain.
      const chain = claimedWebhooks.has(delivery.webhook_id) ? 'mine' : delivery.chainState;
      claimedWebhooks.add(delivery.webhook_id);
      if (chain === 'foreign' || !this.engine.take({ ...delivery, attempts: 0, deadline: new Date(Date.now() + this.retryForMs()) }, chain)) {
        givenBack.push(delivery.id);
      }
    }
    if (givenBack.length > 0) await this.store.release(givenBack);
  }

  /**
   * Records the event's deliveries once the previous event of its stream is
   * recorded: another replica may be on it right now, so a gap is waited out
   * here (entries of one replica are in stream order, so replicas waiting on
   * each other always wait on an earlier entry, never in a circle). A gap
   * longer than that is handed back to the stream (the earlier entry's replica
   * may have died: its entries come again after the ack wait), and one lasting
   * past GAP_GIVE_UP_MS is an event that will never come: it is accepted.
   */
  private async recordInOrder(message: EventMessage, sequence: number, since: number, matches: Match[]) {
    const gapKey = `${message.stream_id}@${message.stream_version}`;
    const waitUntil = Date.now() + GAP_WAIT_MS;
    for (;;) {
      const firstSeen = this.gaps.get(gapKey);
      const result = await this.store.record(
        {
          id: message.stream_id,
          version: message.stream_version,
          sequence,
          validSince: since,
          acceptGap: firstSeen !== undefined && Date.now() - firstSeen > GAP_GIVE_UP_MS,
        },
        this.candidates(message, matches),
        new Date(message.created_at),
        this.retryForMs(),
      );
      if (result.outcome !== 'gap') {
        this.gaps.delete(gapKey);
        return result;
      }
      if (firstSeen === undefined) this.gaps.set(gapKey, Date.now());
      if (Date.now() > waitUntil) return result;
      await new Promise((resolve) => setTimeout(resolve, GAP_POLL_MS));
    }
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

  /** The deliveries to record; this replica sends those it can hold (not paused, room in memory) when first in their chain. */
  private candidates(message: EventMessage, matches: Match[]): CandidateDelivery[] {
    const base = BigInt(message.global_position) * OCCURRENCES_PER_EVENT;
    const claimable = this.engine.hasRoom();
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
        claimable: claimable && !this.registry.isPaused(message.organization_id, registration.id),
      };
    });
  }
}

interface Match {
  registration: WebhookRegistration;
  occurrence: WebhookOccurrence;
  index: number;
}

