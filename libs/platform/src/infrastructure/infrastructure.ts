import { Logger } from '@nestjs/common';
import { loadServerSecrets, ServerSecrets } from '@switchboard/auth';
import { Migration, PgDatabase, PostgresEventStore, runMigrations, SqlDatabase } from '@switchboard/event-store';
import { autoAccessProjection, botProjection, chatProjection, configurationProjection, customerProjection, ReadModels, webhookProjection, widgetProjection } from '@switchboard/read-models';
import { Bus, ErrorReporter, InProcessBus, NatsBus } from '@switchboard/messaging';
import { appendMetrics, consumerMetrics } from '../metrics/infrastructure-metrics';
import { Metrics } from '../metrics/metrics';
import { Mailer, OutboxMailer, SmtpMailer } from '../mail/mailer';
import { Settings, SettingsError } from '../settings';
import { openEmbeddedDatabase } from './embedded-database';
import { SCHEMA_MIGRATIONS } from './schema-migrations';

/** The connections a Switchboard process runs on. */
export interface Infrastructure {
  mode: 'embedded' | 'distributed';
  db: SqlDatabase;
  store: PostgresEventStore;
  readModels: ReadModels;
  bus: Bus;
  /** NATS JetStream keeps the event stream across restarts; the in-process bus does not. */
  durableBus: boolean;
  secrets: ServerSecrets;
  subjectPrefix: string;
  /** E-mail to owners: SMTP, or the outbox when SMTP_URL is unset. */
  mailer: Mailer;
  /** Drains the bus, then closes the database. */
  close(): Promise<void>;
}

async function openDatabase(settings: Settings, logger: Logger): Promise<SqlDatabase> {
  if (settings.databaseUrl) return new PgDatabase({ connectionString: settings.databaseUrl, max: settings.databasePoolSize });
  return (await openEmbeddedDatabase(settings.dataDir, logger)).db;
}

async function migrate(db: SqlDatabase, logger: Logger): Promise<void> {
  const applied = await runMigrations(db, SCHEMA_MIGRATIONS);
  const byId = new Map<number, Migration>(SCHEMA_MIGRATIONS.map((m) => [m.id, m]));
  logger.log(
    applied.length
      ? `migrations applied: ${applied.map((id) => `${id} ${byId.get(id)!.name}`).join(', ')}`
      : `schema up to date (${SCHEMA_MIGRATIONS.length} migrations)`,
  );
}

async function openBus(settings: Settings, name: string, metrics: Metrics | undefined): Promise<Bus> {
  const logger = new Logger('messaging');
  const onError: ErrorReporter = (error, context) => logger.error(`${context}: ${(error as Error)?.stack ?? String(error)}`);
  const observer = metrics && consumerMetrics(metrics);
  if (!settings.natsUrl) return new InProcessBus({ subjectPrefix: settings.eventsSubjectPrefix, onError, observer });
  return NatsBus.connect({
    servers: settings.natsUrl.split(',').map((s) => s.trim()),
    name,
    streamName: settings.eventsStream,
    subjectPrefix: settings.eventsSubjectPrefix,
    onError,
    observer,
  });
}

/**
 * Opens the database (PostgreSQL, or PGlite under DATA_DIR) and the bus
 * (NATS, or in-process), and migrates the schema. A single app of the
 * distributed mode refuses to start without both servers: alone, an embedded
 * database or bus would silently split it from its peers.
 */
export async function openInfrastructure(
  settings: Settings,
  processName: string,
  mode: Infrastructure['mode'],
  /** Where the event store and the bus report what they measure. */
  metrics?: Metrics,
): Promise<Infrastructure> {
  if (mode === 'distributed' && (!settings.databaseUrl || !settings.natsUrl)) {
    throw new SettingsError(
      `${processName} runs in the distributed mode and needs DATABASE_URL and NATS_URL; use \`npm start\` for the embedded mode`,
    );
  }
  const logger = new Logger(processName);
  const db = await openDatabase(settings, logger);
  try {
    // PGlite is one session: a second transaction would only wait for the first. Alone on its
    // database, one transaction at a time, the store hands the relay each commit (no log reads).
    const transactions = settings.eventStoreTransactions ?? (settings.databaseUrl ? 4 : 1);
    const store = new PostgresEventStore(db, [configurationProjection, botProjection, customerProjection, chatProjection, autoAccessProjection, widgetProjection, webhookProjection], metrics && appendMetrics(metrics), {
      maxTransactions: transactions,
      exclusiveWriter: !settings.databaseUrl && transactions === 1,
    });
    await migrate(db, logger);
    const secrets = await loadServerSecrets(db, { tokenSecret: settings.tokenSecret, adminToken: settings.adminToken });
    const bus = await openBus(settings, processName, metrics);
    await bus.events.ensure();
    return {
      mode,
      db,
      store,
      readModels: new ReadModels(db),
      bus,
      durableBus: Boolean(settings.natsUrl),
      secrets,
      subjectPrefix: settings.eventsSubjectPrefix,
      mailer: settings.smtpUrl ? new SmtpMailer(settings.smtpUrl, settings.mailFrom) : new OutboxMailer(db),
      async close() {
        await bus.drain().catch(() => undefined);
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
