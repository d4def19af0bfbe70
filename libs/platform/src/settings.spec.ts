import { APP_NAMES, APP_SETTINGS, loadSettings, SETTINGS, SettingsError } from './settings';

describe('settings', () => {
  it('gives every app a working default configuration: embedded database and bus, its own port', () => {
    const settings = loadSettings('agent-gateway', {});
    expect(settings).toMatchObject({
      port: 8081,
      host: '0.0.0.0',
      databaseUrl: undefined,
      natsUrl: undefined,
      dataDir: './data',
      eventsStream: 'EVENTS',
      eventsSubjectPrefix: 'evt',
      logLevel: 'log',
      requestTimeoutMs: 15000,
      logFormat: 'auto',
    });
    expect(loadSettings('switchboard', {}).port).toBe(8080);
  });

  it('reads the environment', () => {
    const settings = loadSettings('router', {
      PORT: '9000',
      DATABASE_URL: 'postgres://db/x',
      NATS_URL: 'nats://a:4222,nats://b:4222',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      SHUTDOWN_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '2500',
    });
    expect(settings).toMatchObject({
      port: 9000,
      databaseUrl: 'postgres://db/x',
      natsUrl: 'nats://a:4222,nats://b:4222',
      logLevel: 'debug',
      logFormat: 'json',
      shutdownTimeoutMs: 1000,
      requestTimeoutMs: 2500,
    });
  });

  it('rejects a bad value with a message naming the setting', () => {
    expect(() => loadSettings('router', { PORT: 'eighty' })).toThrow(new SettingsError('PORT must be an integer >= 0, got "eighty"'));
    expect(() => loadSettings('router', { LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadSettings('router', { LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of auto, json, pretty/);
    expect(() => loadSettings('router', { EVENTS_SUBJECT_PREFIX: 'a.b' })).toThrow(/EVENTS_SUBJECT_PREFIX/);
    expect(() => loadSettings('router', { DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadSettings('router', { REQUEST_TIMEOUT_MS: '0' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadSettings('customer-gateway', { PUBLIC_URL: 'chat.example.com' })).toThrow(/PUBLIC_URL must be an absolute http or https URL/);
    expect(loadSettings('customer-gateway', { PUBLIC_URL: 'https://chat.example.com/' }).publicUrl).toBe('https://chat.example.com');
    expect(() => loadSettings('configuration', { WEBHOOK_BLOCK_PRIVATE_TARGETS: 'yes' })).toThrow(/WEBHOOK_BLOCK_PRIVATE_TARGETS must be true or false/);
  });

  it('lets webhooks target private addresses unless WEBHOOK_BLOCK_PRIVATE_TARGETS is true', () => {
    expect(loadSettings('configuration', {}).webhooks.blockPrivateTargets).toBe(false);
    expect(loadSettings('configuration', { WEBHOOK_BLOCK_PRIVATE_TARGETS: 'true' }).webhooks.blockPrivateTargets).toBe(true);
    expect(loadSettings('configuration', { WEBHOOK_BLOCK_PRIVATE_TARGETS: 'false' }).webhooks.blockPrivateTargets).toBe(false);
  });

  it('declares, for every app, only settings of the catalogue, and keeps the database URL secret', () => {
    for (const app of APP_NAMES) for (const name of APP_SETTINGS[app]) expect(SETTINGS).toHaveProperty(name);
    expect(SETTINGS.DATABASE_URL.secret).toBe(true);
  });

  it('lets any site call the customer side and none the agent side by default; lists origins; refuses a URL that is no origin', () => {
    expect(loadSettings('switchboard', {}).cors).toEqual({ customer: 'any', agent: new Set() });
    const listed = loadSettings('agent-gateway', { CORS_CUSTOMER_ORIGINS: 'https://shop.example', CORS_AGENT_ORIGINS: 'https://desk.example,*' });
    expect(listed.cors).toEqual({ customer: new Set(['https://shop.example']), agent: 'any' });
    expect(() => loadSettings('switchboard', { CORS_AGENT_ORIGINS: 'desk.example' })).toThrow(SettingsError);
    expect(() => loadSettings('switchboard', { CORS_CUSTOMER_ORIGINS: 'https://shop.example/widget' })).toThrow('CORS_CUSTOMER_ORIGINS');
  });
});
