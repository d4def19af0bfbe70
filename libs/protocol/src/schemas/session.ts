/** Payload schemas of agent session methods and the customer's `get_url_info` (ADR 0029). */
import { z } from 'zod';
import { id, url } from './common';

/** Agent RTM `change_push_notifications`: mobile notifications of this connection. */
export const changePushNotificationsSchema = z.object({
  firebase_token: id(),
  platform: z.enum(['ios', 'android']),
  enabled: z.boolean(),
});

/** Agent RTM `set_away_status`: this connection is away, or back. */
export const setAwayStatusSchema = z.object({ away: z.boolean() });

/** Customer `get_url_info`: an absolute http(s) URL (the fetcher checks the rest). */
export const getUrlInfoSchema = z.object({ url: url().min(1, 'must not be empty') });

export const AGENT_SESSION_SCHEMAS = {
  change_push_notifications: changePushNotificationsSchema,
  set_away_status: setAwayStatusSchema,
} satisfies Record<string, z.ZodType>;

export const CUSTOMER_URL_INFO_SCHEMAS = {
  get_url_info: getUrlInfoSchema,
} satisfies Record<string, z.ZodType>;
