import { randomUUID } from 'node:crypto';
import { CustomerCommandOrigin, CustomerCommands } from '@switchboard/customer/application';
import { RtmConnection } from '@switchboard/gateway-kit';
import { ApiError, LIMITS } from '@switchboard/protocol';
import { CustomerSessions, ReadModels } from '@switchboard/read-models';
import { customerState, openVisit } from './customer-view';

/** A connection closed less than this ago still counts: a page reload continues the visit (ADR 0031). */
export const VISIT_GRACE_SECONDS = 5;
/** A gateway silent this long is taken for dead, with its connections (as for agents' presence). */
export const STALE_AFTER_SECONDS = 45;
/** The key of `customer_side_storage` under which the customer's widget keeps the visit it is on. */
export const VISIT_STORAGE_KEY = 'visit_id';

/** What `login` says about where the customer is and on what. */
export interface Arrival {
  customer_page?: { url: string; title?: string };
  customer_side_storage?: Record<string, unknown>;
  referrer?: string;
  group_id?: number;
  is_mobile?: boolean;
  application?: Record<string, unknown>;
}

const now = () => new Date().toISOString();
const clip = (value: string | undefined, max: number) => value?.slice(0, max);

/**
 * A customer's visits (ADR 0031): a visit starts when the customer comes
 * online — their first RTM connection on any replica — and ends when the last
 * one has been gone for {@link VISIT_GRACE_SECONDS}. Pages viewed are
 * recorded on the visit the connection is on.
 */
export class CustomerVisits {
  constructor(
    private readonly readModels: ReadModels,
    private readonly sessions: CustomerSessions,
    private readonly commands: CustomerCommands,
  ) {}

  /**
   * `login`: continues the customer's open visit when they are still present
   * (another connection, or one closed moments ago) or the login carries that
   * visit's id back from `customer_side_storage`; otherwise ends it and starts
   * a new one. Then the connection's session, and the page it is on.
   */
  async arrive(connection: RtmConnection, organizationId: string, customerId: string, arrival: Arrival): Promise<void> {
    const origin: CustomerCommandOrigin = { requesterId: customerId, connectionId: connection.id };
    const open = openVisit(await customerState(this.readModels, organizationId, customerId));
    const remembered = arrival.customer_side_storage?.[VISIT_STORAGE_KEY];
    const continues =
      open !== undefined &&
      (remembered === open.id || (await this.sessions.present(organizationId, customerId, VISIT_GRACE_SECONDS, STALE_AFTER_SECONDS)));
    let visitId = open?.id;
    if (!continues || visitId === undefined) {
      if (open) await this.commands.execute(organizationId, { type: 'end_visit', id: customerId, now: now(), visit_id: open.id }, origin);
      visitId = await this.startVisit(connection, organizationId, customerId, arrival, origin);
    }
    await this.sessions.open(organizationId, customerId, connection.id, visitId, { isMobile: arrival.is_mobile, application: arrival.application });
    if (arrival.customer_page) await this.viewPage(connection, organizationId, customerId, arrival.customer_page, origin);
  }

  /**
   * `update_customer_page` (and login's `customer_page`): the page is recorded
   * on the connection's visit. A visit that ended meanwhile (the customer was
   * taken for gone) gives way to a new one.
   */
  async viewPage(connection: RtmConnection, organizationId: string, customerId: string, page: { url: string; title?: string }, origin: CustomerCommandOrigin): Promise<void> {
    const visitId = await this.sessions.visitOf(connection.id);
    const view = (visit_id: string) =>
      this.commands.execute(organizationId, { type: 'view_page', id: customerId, now: now(), url: page.url, title: page.title, visit_id }, origin);
    try {
      if (visitId === undefined) throw new ApiError('validation', 'The visit has ended');
      await view(visitId);
    } catch (error) {
      if (!(error instanceof ApiError) || error.type !== 'validation') throw error;
      const started = await this.startVisit(connection, organizationId, customerId, {}, origin);
      await this.sessions.moveToVisit(organizationId, customerId, started);
      await view(started);
    }
  }

  /** The connection closed: its session is kept for the grace period, then swept by the keeper. */
  left(connectionId: string): Promise<void> {
    return this.sessions.close(connectionId);
  }

  /** Ends the visits of customers none of whose connections is left (closed past the grace period, or on a dead gateway). */
  async endVisitsOfTheGone(liveConnectionIds: string[]): Promise<void> {
    await this.sessions.beat(liveConnectionIds, VISIT_GRACE_SECONDS);
    for (const gone of await this.sessions.sweep(VISIT_GRACE_SECONDS, STALE_AFTER_SECONDS)) {
      await this.commands.execute(gone.organizationId, { type: 'end_visit', id: gone.customerId, now: now(), visit_id: gone.visitId }).catch(() => undefined);
    }
  }

  /**
   * A new visit, from the login's details and the connection's handshake; its
   * id goes to the widget's side storage. When another login started one
   * meanwhile, that one is joined instead. Resolves with the visit now open.
   */
  private async startVisit(connection: RtmConnection, organizationId: string, customerId: string, arrival: Arrival, origin: CustomerCommandOrigin): Promise<string> {
    const visitId = randomUUID();
    const started = await this.commands.execute(
      organizationId,
      {
        type: 'start_visit',
        id: customerId,
        visit_id: visitId,
        now: now(),
        referrer: arrival.referrer ?? clip(connection.handshake.referrer, LIMITS.urlLength),
        ip: connection.address || undefined,
        user_agent: clip(connection.handshake.userAgent, LIMITS.textLength),
        group_id: arrival.group_id,
        if_none_open: true,
      },
      origin,
    );
    if (started.length === 0) {
      const joined = openVisit(await customerState(this.readModels, organizationId, customerId));
      if (joined) return joined.id;
      // Started and ended by others in between: this login's own visit after all.
      return this.startVisit(connection, organizationId, customerId, arrival, origin);
    }
    await this.commands.execute(organizationId, { type: 'set_customer_side_storage', id: customerId, customer_side_storage: { [VISIT_STORAGE_KEY]: visitId } }, origin);
    return visitId;
  }
}
