/** What the platform knows of an uploaded file besides its bytes (the `file` event's server-filled fields). */
export interface FileMetadata {
  organizationId: string;
  /** Random, unguessable: the file's URL is its only credential (ADR 0026). */
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** Images only. */
  width?: number;
  height?: number;
  /** The agent, bot or customer who uploaded it. */
  uploadedBy: string;
  uploadedAt: string;
  /** When a committed `file` event first named it; unset = never used, so it expires (ADR 0026). */
  usedAt?: string;
}

/** A file's metadata and its bytes. */
export interface StoredFile extends FileMetadata {
  bytes: Buffer;
}

/**
 * Where an organization's uploaded files live (ADR 0026). The default adapter
 * keeps them in PostgreSQL/PGlite, so they exist in both modes and every
 * replica serves them; an S3-compatible adapter would implement the same
 * three calls (`PutObject` with the metadata as object metadata, `GetObject`,
 * `HeadObject`) under the key `<organizationId>/<id>`.
 */
export interface FileStorage {
  /** Stores a new file; ids are never reused. */
  put(file: StoredFile): Promise<void>;
  /** The file with its bytes, or undefined when this organization has no file of that id. */
  get(organizationId: string, id: string): Promise<StoredFile | undefined>;
  /** The file's metadata only (a `send_event` check needs no bytes), or undefined. */
  describe(organizationId: string, id: string): Promise<FileMetadata | undefined>;
  /** Marks files as named by a committed `file` event: they never expire (the first use is kept). */
  markUsed(organizationId: string, ids: string[]): Promise<void>;
  /** Deletes at most `limit` files never used and uploaded before `cutoff`; the number deleted. */
  sweepUnused(cutoff: Date, limit: number): Promise<number>;
}
