import { CorsSettings, parseOriginAllowList } from './http/cors-policy';

/**
 * Every setting Switchboard reads, in one place. Nothing else reads
 * `process.env`; the deploy test checks that each setting an app reads is
 * present in the Kubernetes ConfigMap or Secret.
 */

export const APP_NAMES = [
  'agent-gateway',
  'customer-gateway',
  'configuration',
  'router',
  'webhook-dispatcher',
  'event-relay',
] as const;
export type AppName = (typeof APP_NAMES)[number];

/** The all-in-one process of the embedded mode. */
export const EMBEDDED_APP = 'switchboard';

export const DEFAULT_PORTS: Record<AppName | typeof EMBEDDED_APP, number> = {
  switchboard: 8080,
  'agent-gateway': 8081,
  'customer-gateway': 8082,
  configuration: 8083,
  router: 8084,
  'webhook-dispatcher': 8085,
  'event-relay': 8086,
};

export interface SettingSpec {
  description: string;
  /** Kept in the Kubernetes Secret rather than the ConfigMap, and never logged. */
  secret?: boolean;
}

export const SETTINGS = {
  PORT: { description: 'HTTP port the app listens on (default: per app, 8080 for the embedded mode)' },
  HOST: { description: 'Address to listen on (default 0.0.0.0)' },
  DATABASE_URL: {
    description: 'PostgreSQL connection string; unset = embedded PGlite under DATA_DIR',
    secret: true,
  },
  DATABASE_POOL_SIZE: { description: 'PostgreSQL connections per process (default 10)' },
  EVENT_STORE_TRANSACTIONS: {
    description: 'Event store transactions one process runs at once; commands arriving meanwhile are committed together in the next (default 4 on PostgreSQL, 1 on PGlite)',
  },
  DATA_DIR: { description: 'Folder of the embedded PGlite database (default ./data)' },
  NATS_URL: { description: 'NATS server URL(s), comma-separated; unset = in-process bus (embedded mode only)' },
  EVENTS_STREAM: { description: 'JetStream stream carrying committed events (default EVENTS)' },
  EVENTS_SUBJECT_PREFIX: { description: 'First subject token of event messages (default evt)' },
  TOKEN_SECRET: {
    description: 'Key signing access tokens (32+ characters); unset = generated once and kept in the database',
    secret: true,
  },
  ADMIN_TOKEN: {
    description: 'Operator token for /admin endpoints and the CLI; unset = generated once and kept in the database',
    secret: true,
  },
  TOKEN_MAX_TTL_SECONDS: { description: 'Longest lifetime of an agent access token; longer requests are capped (default 28800 = 8 h)' },
  RTM_LOGIN_TIMEOUT_MS: { description: 'RTM connections must log in within this time (default 30000)' },
  RTM_IDLE_TIMEOUT_MS: { description: 'Logged-in RTM connections without a ping for this long are closed (default 30000)' },
  RATE_LIMITS: { description: 'on | off: request-rate limits and connection caps (default on; off only for tests)' },
  RATE_LIMIT_PER_TOKEN: { description: 'Web API and RTM logins per access token, requests/second/burst, across replicas (default 100/200)' },
  RATE_LIMIT_PER_ADDRESS: { description: 'Web API requests per client address, requests/second/burst, per process (default 500/1000)' },
  RATE_LIMIT_UNAUTHENTICATED: {
    description: 'Endpoints without an access token (/customer/token, /admin/*, no-auth methods) per client address, requests/second/burst (default 10/50)',
  },
  RATE_LIMIT_PER_RTM_CONNECTION: { description: 'RTM frames per connection (pings excepted), requests/second/burst (default 100/200)' },
  RTM_MAX_CONNECTIONS_PER_PROCESS: { description: 'WebSocket connections one process accepts (default 20000)' },
  RTM_MAX_CONNECTIONS_PER_ADDRESS: { description: 'WebSocket connections per client address and process (default 1000)' },
  RTM_MAX_UNAUTHENTICATED_PER_PROCESS: { description: 'WebSocket connections not logged in yet, per process (default 2000)' },
  RTM_MAX_UNAUTHENTICATED_PER_ADDRESS: { description: 'WebSocket connections not logged in yet, per client address and process (default 50)' },
  RTM_MAX_CONNECTIONS_PER_AGENT: { description: 'RTM connections per agent across replicas; the oldest is evicted (default 10)' },
  TRUST_PROXY: {
    description: 'Proxies in front of the app whose X-Forwarded-For is trusted to give the client address (default 0; 1 behind the ingress)',
  },
  REQUEST_TIMEOUT_MS: { description: 'A request not answered within this time gets request_timeout, HTTP 504 (default 15000)' },
  SMTP_URL: {
    description: 'SMTP server for e-mail to owners (smtp://user:password@host:port or smtps://…); unset = kept in the outbox, GET /admin/outbox',
    secret: true,
  },
  MAIL_FROM: { description: 'Sender address of that e-mail (default switchboard@localhost)' },
  LOG_LEVEL: { description: 'error | warn | log | debug | verbose (default log)' },
  LOG_FORMAT: { description: 'json | pretty | auto: JSON lines, or human-readable; auto = pretty on a terminal, JSON otherwise (default auto)' },
  SHUTDOWN_TIMEOUT_MS: { description: 'Longest graceful shutdown before the process exits anyway (default 25000)' },
  FILE_UNUSED_TTL_SECONDS: { description: 'An uploaded file not used in a file event within this time is refused, no longer served and deleted (default 86400)' },
  CORS_CUSTOMER_ORIGINS: {
    description: 'Browser origins allowed to call the Customer Chat API and /customer/token (chat widgets): * = any, or a comma-separated list such as https://shop.example (default *)',
  },
  CORS_AGENT_ORIGINS: {
    description: 'Browser origins allowed to call the Agent Chat API, the Configuration API and /auth/*: * = any, or a comma-separated list (default none: same-origin only)',
  },
  URL_INFO_ALLOW_PRIVATE: { description: 'get_url_info may fetch from private, loopback and link-local addresses: 1 only for tests and closed networks (default 0)' },
  ROUTING_MINUTE_MS: {
    description: 'Length of a minute of the routing settings (the router timers: inactivity, queue timeout, reassignment), in ms: shorter only for tests (default 60000)',
  },
  WEBHOOK_RETRY_FOR_MS: { description: 'A webhook delivery that keeps failing is retried with exponential back-off for this long, then dead-lettered (default 86400000 = 24 h)' },
  WEBHOOK_TIME_SCALE: { description: 'Runs the webhook retry schedule N times faster (back-off and retry period divided by N): only for tests and drills (default 1)' },
  WEBHOOK_TIMEOUT_MS: { description: 'A webhook receiver must connect, answer and send its body within this time each (default 10000)' },
  WEBHOOK_CONCURRENCY_PER_RECEIVER: { description: 'Webhook requests in flight per receiver (scheme, host, port) and dispatcher replica (default 8)' },
  WEBHOOK_CLAIM_MS: { description: 'A dispatcher replica that stops renewing its claim on deliveries for this long (it died) loses them to the others (default 30000)' },
  WEBHOOK_MAX_HELD: { description: 'Webhook deliveries a dispatcher replica holds in memory at most; beyond, they wait in the database and are taken in order as it catches up (default 20000)' },
  WEBHOOK_SWEEP_MS: { description: 'How often a dispatcher replica looks for deliveries due again (retries, leftovers of another replica) (default 1000)' },
  WEBHOOK_BLOCK_PRIVATE_TARGETS: {
    description:
      'true: webhooks may not target localhost or a loopback, private, shared or link-local address — refused by register_webhook and checked again on every connection (resolved addresses) — against server-side request forgery when tenants share the server (default false, so local integrations work; ADR 0042, 0044)',
  },
  WEBHOOK_LOG_RETENTION_HOURS: { description: 'Delivered and dead webhook deliveries stay in the delivery log (and can be replayed) this long (default 168 = 7 days)' },
  FIRST_RUN_SETUP: {
    description:
      'true: while the install has no organization, the page at / (POST /setup) creates the first one and its owner from a browser, without the admin token — whoever reaches it first (default true; false in a cluster set up with the CLI; ADR 0046)',
  },
  PUBLIC_URL: { description: 'Base URL customers reach the customer gateway at, for the links in e-mail verification mails (default: the URL of the request)' },
} satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

const COMMON: SettingName[] = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'EVENT_STORE_TRANSACTIONS',
  'NATS_URL',
  'EVENTS_STREAM',
  'EVENTS_SUBJECT_PREFIX',
  'TOKEN_SECRET',
  'ADMIN_TOKEN',
  'TOKEN_MAX_TTL_SECONDS',
  'RTM_LOGIN_TIMEOUT_MS',
  'RTM_IDLE_TIMEOUT_MS',
  'RATE_LIMITS',
  'RATE_LIMIT_PER_TOKEN',
  'RATE_LIMIT_PER_ADDRESS',
  'RATE_LIMIT_UNAUTHENTICATED',
  'RATE_LIMIT_PER_RTM_CONNECTION',
  'RTM_MAX_CONNECTIONS_PER_PROCESS',
  'RTM_MAX_CONNECTIONS_PER_ADDRESS',
  'RTM_MAX_UNAUTHENTICATED_PER_PROCESS',
  'RTM_MAX_UNAUTHENTICATED_PER_ADDRESS',
  'RTM_MAX_CONNECTIONS_PER_AGENT',
  'TRUST_PROXY',
  'REQUEST_TIMEOUT_MS',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'SHUTDOWN_TIMEOUT_MS',
];

/** The processes serving APIs to browsers read both allow-lists (ADR 0034). */
const CORS: SettingName[] = ['CORS_CUSTOMER_ORIGINS', 'CORS_AGENT_ORIGINS'];

/** The webhook dispatcher's (ADR 0044). */
const WEBHOOKS: SettingName[] = [
  'WEBHOOK_RETRY_FOR_MS',
  'WEBHOOK_TIME_SCALE',
  'WEBHOOK_TIMEOUT_MS',
  'WEBHOOK_CONCURRENCY_PER_RECEIVER',
  'WEBHOOK_CLAIM_MS',
  'WEBHOOK_SWEEP_MS',
  'WEBHOOK_MAX_HELD',
  'WEBHOOK_LOG_RETENTION_HOURS',
  'WEBHOOK_BLOCK_PRIVATE_TARGETS',
];

/** The settings each app reads in the distributed mode. */
export const APP_SETTINGS: Record<AppName, SettingName[]> = {
  'agent-gateway': [...COMMON, 'FILE_UNUSED_TTL_SECONDS', ...CORS],
  // The customer gateway sends e-mail verification mails (ADR 0033); URL_INFO_ALLOW_PRIVATE also governs their callbacks.
  'customer-gateway': [...COMMON, 'FILE_UNUSED_TTL_SECONDS', 'URL_INFO_ALLOW_PRIVATE', 'SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', ...CORS],
  // The configuration service sends e-mail too (request_agent_unsuspension).
  configuration: [...COMMON, 'SMTP_URL', 'MAIL_FROM', 'WEBHOOK_BLOCK_PRIVATE_TARGETS', 'FIRST_RUN_SETUP', ...CORS],
  router: [...COMMON, 'ROUTING_MINUTE_MS'],
  'webhook-dispatcher': [...COMMON, ...WEBHOOKS],
  'event-relay': COMMON,
};

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
export type LogFormat = 'auto' | 'json' | 'pretty';

/** A request rate: `perSecond` on average, `burst` at once. */
export interface RateSetting {
  perSecond: number;
  burst: number;
}

/** Limits against abuse (README "Limits"). */
export interface LimitSettings {
  enabled: boolean;
  perToken: RateSetting;
  perAddress: RateSetting;
  unauthenticated: RateSetting;
  perRtmConnection: RateSetting;
  rtmMaxConnectionsPerProcess: number;
  rtmMaxConnectionsPerAddress: number;
  rtmMaxUnauthenticatedPerProcess: number;
  rtmMaxUnauthenticatedPerAddress: number;
  rtmMaxConnectionsPerAgent: number;
}

export interface Settings {
  port: number;
  host: string;
  databaseUrl?: string;
  databasePoolSize: number;
  smtpUrl?: string;
  mailFrom: string;
  /** Undefined: the adapter's default (see EVENT_STORE_TRANSACTIONS). */
  eventStoreTransactions?: number;
  dataDir: string;
  natsUrl?: string;
  eventsStream: string;
  eventsSubjectPrefix: string;
  tokenSecret?: string;
  adminToken?: string;
  tokenMaxTtlSeconds: number;
  rtmLoginTimeoutMs: number;
  rtmIdleTimeoutMs: number;
  requestTimeoutMs: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  shutdownTimeoutMs: number;
  limits: LimitSettings;
  trustProxy: number;
  /** URL_INFO_ALLOW_PRIVATE: `get_url_info` fetches from any address (ADR 0029). */
  urlInfoAllowPrivate: boolean;
  /** PUBLIC_URL: where customers reach the customer gateway (links in e-mails); absent = the request's own URL. */
  publicUrl?: string;
  /** FILE_UNUSED_TTL_SECONDS: how long an uploaded file may wait for a file event (ADR 0026). */
  fileUnusedTtlSeconds: number;
  /** ROUTING_MINUTE_MS: a minute of the routing settings, for the router's timers (ADR 0038, 0039, 0040). */
  routingMinuteMs: number;
  /** FIRST_RUN_SETUP: the first-run page may create the first organization (ADR 0046). */
  firstRunSetup: boolean;
  /** CORS_CUSTOMER_ORIGINS, CORS_AGENT_ORIGINS: browser origins allowed to call the APIs (ADR 0034). */
  cors: CorsSettings;
  /** WEBHOOK_*: the webhook dispatcher (ADR 0044). */
  webhooks: WebhookSettings;
}

export interface WebhookSettings {
  retryForMs: number;
  timeScale: number;
  timeoutMs: number;
  concurrencyPerReceiver: number;
  claimMs: number;
  sweepMs: number;
  maxHeld: number;
  logRetentionHours: number;
  blockPrivateTargets: boolean;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** PUBLIC_URL: an absolute http(s) URL, kept without a trailing slash. */
function publicUrlSetting(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || raw === '') return undefined;
  if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw)) throw new SettingsError(`PUBLIC_URL must be an absolute http or https URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function intSetting(env: NodeJS.ProcessEnv, name: SettingName, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new SettingsError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function booleanSetting(env: NodeJS.ProcessEnv, name: SettingName, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new SettingsError(`${name} must be true or false, got "${env[name]}"`);
}

function rateSetting(env: NodeJS.ProcessEnv, name: SettingName, fallback: RateSetting): RateSetting {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(raw.trim());
  if (!match || Number(match[1]) <= 0 || Number(match[2]) < 1) {
    throw new SettingsError(`${name} must be "<requests per second>/<burst>", e.g. "100/200", got "${raw}"`);
  }
  return { perSecond: Number(match[1]), burst: Number(match[2]) };
}

function loadLimits(env: NodeJS.ProcessEnv): LimitSettings {
  const mode = (env.RATE_LIMITS || 'on').toLowerCase();
  if (mode !== 'on' && mode !== 'off') throw new SettingsError('RATE_LIMITS must be on or off');
  return {
    enabled: mode === 'on',
    perToken: rateSetting(env, 'RATE_LIMIT_PER_TOKEN', { perSecond: 100, burst: 200 }),
    perAddress: rateSetting(env, 'RATE_LIMIT_PER_ADDRESS', { perSecond: 500, burst: 1000 }),
    unauthenticated: rateSetting(env, 'RATE_LIMIT_UNAUTHENTICATED', { perSecond: 10, burst: 50 }),
    perRtmConnection: rateSetting(env, 'RATE_LIMIT_PER_RTM_CONNECTION', { perSecond: 100, burst: 200 }),
    rtmMaxConnectionsPerProcess: intSetting(env, 'RTM_MAX_CONNECTIONS_PER_PROCESS', 20000),
    rtmMaxConnectionsPerAddress: intSetting(env, 'RTM_MAX_CONNECTIONS_PER_ADDRESS', 1000),
    rtmMaxUnauthenticatedPerProcess: intSetting(env, 'RTM_MAX_UNAUTHENTICATED_PER_PROCESS', 2000),
    rtmMaxUnauthenticatedPerAddress: intSetting(env, 'RTM_MAX_UNAUTHENTICATED_PER_ADDRESS', 50),
    rtmMaxConnectionsPerAgent: intSetting(env, 'RTM_MAX_CONNECTIONS_PER_AGENT', 10),
  };
}

function loadCors(env: NodeJS.ProcessEnv): CorsSettings {
  try {
    return {
      customer: parseOriginAllowList('CORS_CUSTOMER_ORIGINS', env.CORS_CUSTOMER_ORIGINS, 'any'),
      agent: parseOriginAllowList('CORS_AGENT_ORIGINS', env.CORS_AGENT_ORIGINS, new Set()),
    };
  } catch (error) {
    throw new SettingsError((error as Error).message);
  }
}

const LOG_LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
const LOG_FORMATS: LogFormat[] = ['auto', 'json', 'pretty'];

export function loadSettings(app: AppName | typeof EMBEDDED_APP, env: NodeJS.ProcessEnv = process.env): Settings {
  const logLevel = (env.LOG_LEVEL || 'log') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new SettingsError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = (env.LOG_FORMAT || 'auto') as LogFormat;
  if (!LOG_FORMATS.includes(logFormat)) throw new SettingsError(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}`);
  const prefix = env.EVENTS_SUBJECT_PREFIX || 'evt';
  if (env.TOKEN_SECRET && env.TOKEN_SECRET.length < 32) throw new SettingsError('TOKEN_SECRET must have at least 32 characters');
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new SettingsError('EVENTS_SUBJECT_PREFIX must be one subject token');
  return {
    port: intSetting(env, 'PORT', DEFAULT_PORTS[app], 0),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: intSetting(env, 'DATABASE_POOL_SIZE', 10),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'switchboard@localhost',
    eventStoreTransactions: env.EVENT_STORE_TRANSACTIONS ? intSetting(env, 'EVENT_STORE_TRANSACTIONS', 1) : undefined,
    dataDir: env.DATA_DIR || './data',
    natsUrl: env.NATS_URL || undefined,
    eventsStream: env.EVENTS_STREAM || 'EVENTS',
    eventsSubjectPrefix: prefix,
    tokenSecret: env.TOKEN_SECRET || undefined,
    adminToken: env.ADMIN_TOKEN || undefined,
    tokenMaxTtlSeconds: intSetting(env, 'TOKEN_MAX_TTL_SECONDS', 8 * 3600, 60),
    rtmLoginTimeoutMs: intSetting(env, 'RTM_LOGIN_TIMEOUT_MS', 30000),
    rtmIdleTimeoutMs: intSetting(env, 'RTM_IDLE_TIMEOUT_MS', 30000),
    requestTimeoutMs: intSetting(env, 'REQUEST_TIMEOUT_MS', 15000),
    logLevel,
    logFormat,
    shutdownTimeoutMs: intSetting(env, 'SHUTDOWN_TIMEOUT_MS', 25000),
    limits: loadLimits(env),
    trustProxy: intSetting(env, 'TRUST_PROXY', 0, 0),
    urlInfoAllowPrivate: env.URL_INFO_ALLOW_PRIVATE === '1',
    publicUrl: publicUrlSetting(env),
    fileUnusedTtlSeconds: intSetting(env, 'FILE_UNUSED_TTL_SECONDS', 86400),
    routingMinuteMs: intSetting(env, 'ROUTING_MINUTE_MS', 60_000, 100),
    firstRunSetup: booleanSetting(env, 'FIRST_RUN_SETUP', true),
    cors: loadCors(env),
    webhooks: {
      retryForMs: intSetting(env, 'WEBHOOK_RETRY_FOR_MS', 86_400_000),
      timeScale: intSetting(env, 'WEBHOOK_TIME_SCALE', 1),
      timeoutMs: intSetting(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100),
      concurrencyPerReceiver: intSetting(env, 'WEBHOOK_CONCURRENCY_PER_RECEIVER', 8),
      claimMs: intSetting(env, 'WEBHOOK_CLAIM_MS', 30_000, 1000),
      sweepMs: intSetting(env, 'WEBHOOK_SWEEP_MS', 1000, 50),
      maxHeld: intSetting(env, 'WEBHOOK_MAX_HELD', 20_000, 1),
      logRetentionHours: intSetting(env, 'WEBHOOK_LOG_RETENTION_HOURS', 168),
      blockPrivateTargets: booleanSetting(env, 'WEBHOOK_BLOCK_PRIVATE_TARGETS', false),
    },
  };
}
