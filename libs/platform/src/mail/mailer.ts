import { SqlExecutor } from '@switchboard/event-store';
import { createTransport } from 'nodemailer';

/** An e-mail the platform sends (to owners, about their organization). */
export interface Mail {
  organizationId: string;
  to: string[];
  subject: string;
  text: string;
}

/** The e-mail port: SMTP when `SMTP_URL` is set, else a stored outbox an operator reads. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(mail: Mail): Promise<void>;
}

/** Sends through an SMTP server (`smtp://user:pass@host:port`, or `smtps://`). */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp';
  private readonly transport;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(url);
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }
}

/** No SMTP server configured: mail is kept in `mail_outbox`, for an operator to read (`GET /admin/outbox`). */
export class OutboxMailer implements Mailer {
  readonly kind = 'outbox';

  constructor(private readonly db: SqlExecutor) {}

  async send(mail: Mail): Promise<void> {
    await this.db.query('INSERT INTO mail_outbox (organization_id, recipients, subject, body) VALUES ($1, $2, $3, $4)', [
      mail.organizationId,
      mail.to,
      mail.subject,
      mail.text,
    ]);
  }
}

export interface OutboxEntry {
  id: number;
  organization_id: string;
  recipients: string[];
  subject: string;
  body: string;
  created_at: string;
}

/** The newest outbox entries first. */
export async function readOutbox(db: SqlExecutor, limit: number): Promise<OutboxEntry[]> {
  const { rows } = await db.query<OutboxEntry & { id: string; created_at: Date }>(
    'SELECT id::text, organization_id, recipients, subject, body, created_at FROM mail_outbox ORDER BY id DESC LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), created_at: new Date(r.created_at).toISOString() }));
}
