import { parse, PGlite, protocol } from '@electric-sql/pglite';

/** A statement run this often in transactions is prepared once and then only bound and executed. */
const PREPARE_AFTER = 3;
/** At most this many prepared statements (the hot ones are few) and counted texts (dynamic SQL is counted, rarely prepared). */
const MAX_PREPARED = 64;
const MAX_COUNTED = 1000;

interface Prepared {
  name: string;
  /** The parameters' type ids, as the server described them: how each value is serialized. */
  types: number[];
}

/**
 * Named prepared statements for PGlite (ADR 0041). PGlite's `query` parses,
 * describes and plans every statement anew — on the embedded hot path (the
 * append and its projections, a few statements per message) that is a good
 * part of the cost. A statement seen often is parsed once under a name and
 * from then on only bound and executed, through PGlite's own wire protocol
 * and its own serializers and result parser, so it answers exactly as
 * `query` does. Only used inside transactions (PGlite's `query` does not
 * sync to the file system there either).
 */
export class PglitePreparedStatements {
  /** By statement text; a promise, so that concurrent callers share one preparation. */
  private readonly prepared = new Map<string, Promise<Prepared>>();
  private readonly seen = new Map<string, number>();
  private next = 0;

  constructor(private readonly db: PGlite) {}

  /** The rows of `sql`: prepared when it is hot, else `ordinary()` (PGlite's own query). */
  async query<R>(sql: string, params: unknown[] | undefined, ordinary: () => Promise<{ rows: R[] }>): Promise<{ rows: R[] }> {
    let preparing = this.prepared.get(sql);
    if (!preparing && this.isHot(sql)) {
      preparing = this.prepare(sql);
      this.prepared.set(sql, preparing);
      this.seen.delete(sql);
      // A statement that cannot be prepared (refused by the server) runs the ordinary way next time.
      preparing.catch(() => this.prepared.delete(sql));
    }
    if (!preparing) return ordinary();
    return this.execute<R>(await preparing, params ?? []);
  }

  private isHot(sql: string): boolean {
    if (this.prepared.size >= MAX_PREPARED) return false;
    const count = (this.seen.get(sql) ?? 0) + 1;
    if (this.seen.size >= MAX_COUNTED && !this.seen.has(sql)) this.seen.clear();
    this.seen.set(sql, count);
    return count >= PREPARE_AFTER;
  }

  private async prepare(sql: string): Promise<Prepared> {
    const name = `sb_prepared_${this.next++}`;
    const messages = await this.run([protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: 'S', name })]);
    const description = messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs?: number[] } | undefined;
    return { name, types: description?.dataTypeIDs ?? [] };
  }

  private async execute<R>(statement: Prepared, params: unknown[]): Promise<{ rows: R[] }> {
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.db.serializers[statement.types[i]];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await this.run([
      protocol.serialize.bind({ statement: statement.name, values }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
    ]);
    const [result] = parse.parseResults(messages as Parameters<typeof parse.parseResults>[0], this.db.parsers);
    return { rows: (result?.rows ?? []) as R[] };
  }

  /**
   * Sends the messages then Sync (always: after an error the server skips to
   * it), as PGlite's `query` does, holding PGlite's query lock so that no other
   * statement of the transaction (issued concurrently) interleaves.
   */
  private run(requests: Uint8Array[]): Promise<Array<{ name: string }>> {
    return this.db.runExclusive(async () => {
      const messages: Array<{ name: string }> = [];
      try {
        for (const request of requests) messages.push(...((await this.db.execProtocol(request, { syncToFs: false })).messages as Array<{ name: string }>));
      } finally {
        await this.db.execProtocol(protocol.serialize.sync(), { syncToFs: false }).catch(() => undefined);
      }
      return messages;
    });
  }
}
