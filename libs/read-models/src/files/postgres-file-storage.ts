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
  bytes?: Uint8Array;
}

const METADATA = 'organization_id, id, name, content_type, size, width, height, uploaded_by, uploaded_at';

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
  };
}

/** The default {@link FileStorage}: the `files` table of PostgreSQL or PGlite (migration 112). */
export class PostgresFileStorage implements FileStorage {
  constructor(private readonly db: SqlExecutor) {}

  async put(file: StoredFile): Promise<void> {
    await this.db.query(
      `INSERT INTO files (${METADATA}, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
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
}
