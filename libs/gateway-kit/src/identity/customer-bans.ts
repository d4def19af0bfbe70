import { Inject, Injectable } from '@nestjs/common';
import { CustomerState, isBanned } from '@switchboard/customer/domain';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { ApiError } from '@switchboard/protocol';

/**
 * Whether a customer is banned now (routing.md §8), read from the customers
 * read model on every check: a ban made on any replica holds on all of them
 * at once, for every Customer Chat API request and login (ADR 0031).
 */
@Injectable()
export class CustomerBans {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  /** @throws ApiError `customer_banned` while the customer's ban lasts */
  async assertNotBanned(organizationId: string, customerId: string): Promise<void> {
    const customer = (await this.infrastructure.readModels.customers(organizationId, [customerId])).get(customerId) as Partial<CustomerState> | undefined;
    if (isBanned(customer, new Date().toISOString())) throw new ApiError('customer_banned', 'Customer is banned');
  }
}
