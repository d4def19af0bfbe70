import { Logger } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { ProcessLogger, ProcessLoggerOptions } from './process-logger';

/** A process logger writing into memory; `lines()` gives what it wrote. */
function capture(options: Partial<ProcessLoggerOptions> = {}) {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const logger = new ProcessLogger({ name: 'agent-gateway', level: 'log', format: 'json', destination: stream, ...options });
  const lines = () => text.split('\n').filter(Boolean);
  return { logger, text: () => text, json: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the process logger (pino behind Nest)', () => {
  it('writes one JSON line per message with level, time, process name, context and message', () => {
    const { logger, json } = capture();
    logger.log('agent-gateway listening on http://127.0.0.1:8081 (distributed mode)', 'bootstrap');
    const [line] = json();
    expect(line).toMatchObject({
      level: 'info',
      name: 'agent-gateway',
      context: 'bootstrap',
      msg: 'agent-gateway listening on http://127.0.0.1:8081 (distributed mode)',
    });
    expect(new Date(line.time as string).getTime()).toBeGreaterThan(0);
    expect(line.pid).toBe(process.pid);
  });

  it('keeps LOG_LEVEL: at `warn`, log and debug lines are dropped; verbose is pino trace', () => {
    const warn = capture({ level: 'warn' });
    warn.logger.log('hidden');
    warn.logger.debug('hidden');
    warn.logger.warn('shown');
    warn.logger.error('shown too');
    expect(warn.json().map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'shown'],
      ['error', 'shown too'],
    ]);
    const verbose = capture({ level: 'verbose' });
    verbose.logger.verbose('very detailed', 'ctx');
    expect(verbose.json()).toMatchObject([{ level: 'trace', msg: 'very detailed', context: 'ctx' }]);
  });

  it('adds the fields of an object message, and turns a stack or an Error into `err`', () => {
    const { logger, json } = capture();
    logger.warn({ msg: 'agent list_chats took 1500 ms', request_id: 'r-1', correlation_id: 'c-1' }, 'api');
    logger.error('agent send_event: boom', 'Error: boom\n    at handler (/app/x.js:1:1)', 'api');
    logger.error(new TypeError('bad'));
    const [slow, failed, thrown] = json();
    expect(slow).toMatchObject({ level: 'warn', msg: 'agent list_chats took 1500 ms', request_id: 'r-1', correlation_id: 'c-1', context: 'api' });
    expect(failed).toMatchObject({ msg: 'agent send_event: boom', context: 'api', err: { stack: 'Error: boom\n    at handler (/app/x.js:1:1)' } });
    expect(thrown).toMatchObject({ msg: 'bad', err: { type: 'TypeError', message: 'bad' } });
  });

  it('never writes an access token, an Authorization header or the DATABASE_URL password', () => {
    const databaseUrl = 'postgres://switchboard:hunter2-database-pw@postgres:5432/switchboard';
    const token = 'dal:eyJ0eXAiOiJhZ2VudCIsIm9yZyI6Im8ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc';
    const { logger, text } = capture({ secrets: ['hunter2-database-pw', 'configured-admin-token-value'] });
    logger.error(`could not connect to ${databaseUrl}`, `Error: connect ECONNREFUSED ${databaseUrl}\n    at x (y.js:1:1)`, 'database');
    logger.log({ msg: 'request', headers: { authorization: `Bearer ${token}` }, payload: { token } });
    logger.warn(`login refused for {"token":"${token}"}`);
    logger.log('admin said configured-admin-token-value');
    logger.error(new Error(`pool failed for ${databaseUrl}`));
    const written = text();
    expect(written).not.toContain('hunter2-database-pw');
    expect(written).not.toContain(token);
    expect(written).not.toContain('configured-admin-token-value');
    expect(written).toContain('postgres://switchboard:[REDACTED]@postgres:5432/switchboard');
    expect(written.split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('is what every Nest Logger of the process writes through', () => {
    const { logger, json } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('rtm').warn('a connection misbehaved');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(json()).toMatchObject([{ level: 'warn', context: 'rtm', msg: 'a connection misbehaved' }]);
  });

  it('writes human-readable lines in the pretty format', () => {
    const { logger, text } = capture({ format: 'pretty' });
    logger.log('agent-gateway listening on http://127.0.0.1:8081 (distributed mode)', 'bootstrap');
    expect(text()).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(agent-gateway\): \[bootstrap\] agent-gateway listening on http:\/\/127\.0\.0\.1:8081/);
    expect(() => JSON.parse(text())).toThrow();
  });
});
