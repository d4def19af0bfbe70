import { AutoAccess } from '@switchboard/configuration/domain';
import { SqlExecutor } from '@switchboard/event-store';

/** A rule as `list_auto_accesses` returns it: `next_id` names the rule after it (absent for the last). */
export type AutoAccessView = AutoAccess & { next_id?: string };

/** Reads of the auto access rules, always of one organization. */
export class AutoAccessQueries {
  constructor(private readonly db: SqlExecutor) {}

  /** The organization's rules in list order. */
  async list(organizationId: string): Promise<AutoAccessView[]> {
    const { rows } = await this.db.query<{ data: AutoAccess }>(
      'SELECT data FROM auto_accesses WHERE organization_id = $1 ORDER BY position, auto_access_id',
      [organizationId],
    );
    return rows.map(({ data }, i) => {
      const next = rows[i + 1]?.data.id;
      return {
        id: data.id,
        ...(data.description !== undefined && { description: data.description }),
        access: data.access,
        conditions: data.conditions,
        ...(next !== undefined && { next_id: next }),
      };
    });
  }
}
