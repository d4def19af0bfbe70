/**
 * Payload schemas of Switchboard's webhook operations API (ADR 0044,
 * Operations): the delivery log, retry now, replay, pause and resume. Which
 * webhook and client id they may name is checked by the handler.
 */
import { z } from 'zod';
import { dateTime, id, list, pageId } from './common';

/** At most this many delivery ids in one request. */
const MAX_IDS = 1000;

const webhook = { webhook_id: id(), owner_client_id: id() };

const timeRange = { from: dateTime().optional(), to: dateTime().optional() };
const orderedRange = (range: { from?: string; to?: string }) => range.from === undefined || range.to === undefined || Date.parse(range.from) <= Date.parse(range.to);
const RANGE_MESSAGE = { path: ['to'], message: 'must not be before from' };

const deliveryIds = list(id(), MAX_IDS).min(1, 'must not be empty');

export const WEBHOOK_OPERATION_SCHEMAS = {
  switchboard_list_webhook_deliveries: z
    .object({
      ...webhook,
      ...timeRange,
      status: z.enum(['pending', 'delivered', 'dead']).optional(),
      limit: z.int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(25),
      page_id: pageId().optional(),
    })
    .refine(orderedRange, RANGE_MESSAGE),
  switchboard_retry_webhook_deliveries: z.object({ ...webhook, ids: deliveryIds.optional() }),
  switchboard_replay_webhook_deliveries: z
    .object({ ...webhook, ...timeRange, status: z.enum(['dead', 'delivered', 'any']).default('dead'), ids: deliveryIds.optional() })
    .refine(orderedRange, RANGE_MESSAGE),
  switchboard_pause_webhook: z.object(webhook),
  switchboard_resume_webhook: z.object(webhook),
} satisfies Record<string, z.ZodType>;
