/** Payload schemas of the customer's methods about itself (ADR 0031). */
import { z } from 'zod';
import { text, url } from './common';

/** `get_customer`: no parameters. */
export const getCustomerSchema = z.object({});

/** RTM `update_customer_page`: the page the customer is on now. */
export const updateCustomerPageSchema = z.object({ url: url().min(1, 'must not be empty'), title: text().optional() });

export const CUSTOMER_SELF_SERVICE_SCHEMAS = {
  get_customer: getCustomerSchema,
  update_customer_page: updateCustomerPageSchema,
} satisfies Record<string, z.ZodType>;
