import { subjectToken } from '@switchboard/event-store';

/**
 * The core NATS subject (in-process bus: the same name) carrying pushes that
 * are no events — live signals, queue positions — from the process that made
 * them to every gateway with connections of the organization.
 */
export const liveSignalSubject = (subjectPrefix: string, organizationId: string): string => `${subjectPrefix}-signals.${subjectToken(organizationId)}`;

/** What the gateways subscribe to: every organization's live signals. */
export const liveSignalSubjects = (subjectPrefix: string): string => `${subjectPrefix}-signals.*`;
