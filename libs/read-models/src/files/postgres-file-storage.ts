import { SqlExecutor } from '@switchboard/event-store';
import { FileMetadata, FileStorage, StoredFile } from './file-storage';

interface FileRow {
  organization_id: string;
  id: string;
  name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  uploaded_by: string;
  uploaded_at: Date | string;
  used_at: Date | string | null;
  bytes?: Uint8Array;
}

const COLUMNS = 'organization_id, id, name, content_type, size, width, height, uploaded_by, uploaded_at';
const METADATA = `${COLUMNS}, used_at`;

function toMetadata(row: FileRow): FileMetadata {
  return {
    organizationId: row.organization_id,
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    ...(row.width !== null && { width: row.width }),
    ...(row.height !== null && { height: row.height }),
    uploadedBy: row.uploaded_by,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    ...(row.used_at !== null && { usedAt: new Date(row.used_at).toISOString() }),
  };
}

/**
 * The default {@link FileStorage}: the `files` table of PostgreSQL or PGlite
 * (migrations 112 and 117). `get` and `describe` give back files of any age:
 * whether an unused one has expired is the caller's rule ({@link isExpiredUnused}).
 */
export class PostgresFileStorage implements FileStorage {
  constructor(private readonly db: SqlExecutor) {}

  async put(file: StoredFile): Promise<void> {
    await this.db.query(
      `INSERT INTO files (${COLUMNS}, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        file.organizationId,
        file.id,
        file.name,
        file.contentType,
        file.size,
        file.width ?? null,
        file.height ?? null,
        file.uploadedBy,
        file.uploadedAt,
        file.bytes,
      ],
    );
  }

  async get(organizationId: string, id: string): Promise<StoredFile | undefined> {
    const { rows } = await this.db.query<FileRow>(`SELECT ${METADATA}, bytes FROM files WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      id,
    ]);
    const row = rows[0];
    if (!row?.bytes) return undefined;
    const bytes = row.bytes;
    return { ...toMetadata(row), bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  async describe(organizationId: string, id: string): Promise<FileMetadata | undefined> {
    const { rows } = await this.db.query<FileRow>(`SELECT ${METADATA} FROM files WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
    return rows[0] && toMetadata(rows[0]);
  }

  async markUsed(organizationId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`UPDATE files SET used_at = now() WHERE organization_id = $1 AND id = ANY($2::text[]) AND used_at IS NULL`, [
      organizationId,
      ids,
    ]);
  }

  async sweepUnused(cutoff: Date, limit: number): Promise<number> {
    const { rows } = await this.db.query<{ id: string }>(
      `DELETE FROM files WHERE (organization_id, id) IN (
         SELECT organization_id, id FROM files WHERE used_at IS NULL AND uploaded_at < $1 ORDER BY uploaded_at LIMIT $2
       ) AND used_at IS NULL RETURNING id`,
      [cutoff.toISOString(), limit],
    );
    return rows.length;
  }
}

/** An unused file older than the TTL: refused in `file` events and no longer served, until the sweep deletes it (ADR 0026). */
export function isExpiredUnused(file: FileMetadata, ttlSeconds: number, now = Date.now()): boolean {
  return file.usedAt === undefined && Date.parse(file.uploadedAt) + ttlSeconds * 1000 <= now;
}
