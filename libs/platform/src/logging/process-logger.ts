import { Logger, LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger as Pino } from 'pino';
import PinoPretty from 'pino-pretty';
import { LogFormat, LogLevel } from '../settings';
import { Redactor } from './redactor';

/** LOG_LEVEL (Nest's names) → pino's. */
const PINO_LEVELS: Record<LogLevel | 'fatal', Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Most to least verbose, to pick the level Nest's setLogLevels asks for. */
const VERBOSITY: NestLogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** A Nest stack trace as Nest passes it: a string of "at …" lines. */
const STACK = /^.*\n\s+at .+/;

export interface ProcessLoggerOptions {
  /** Process name, the `name` of every line. */
  name: string;
  level: LogLevel;
  /** `auto`: pretty on a terminal, JSON otherwise. */
  format: LogFormat;
  /** Where lines go; default stdout (written synchronously, so nothing is lost on exit). */
  destination?: NodeJS.WritableStream;
  /** Exact values never to be logged (the configured secrets). */
  secrets?: Array<string | undefined>;
}

/**
 * Nest's logger on pino: every `Logger` of the process writes one JSON line
 * per message (`level`, `time`, `pid`, `hostname`, `name`, `context`, `msg`,
 * and any fields passed as an object), or a human-readable line on a
 * terminal. Secrets are taken out of each line (see {@link Redactor}).
 *
 * `logger.warn({ msg: '…', request_id })` adds fields; `logger.error(msg, stack)`
 * and Error arguments become an `err` field.
 */
export class ProcessLogger implements LoggerService {
  private static installed: ProcessLogger | undefined;
  readonly redactor = new Redactor();
  readonly pino: Pino;

  /** Makes `logger` the one behind every Nest `Logger` of the process. */
  static install(logger: ProcessLogger): void {
    ProcessLogger.installed = logger;
    Logger.overrideLogger(logger);
  }

  /**
   * Whether the process logs at `level`: lets a hot path skip building a line
   * nobody will see (without an installed logger: only up to `log`).
   */
  static enabled(level: LogLevel): boolean {
    const installed = ProcessLogger.installed;
    return installed ? installed.pino.isLevelEnabled(PINO_LEVELS[level]) : level !== 'debug' && level !== 'verbose';
  }

  constructor(options: ProcessLoggerOptions) {
    for (const secret of options.secrets ?? []) this.redactor.addSecret(secret);
    const pretty = options.format === 'pretty' || (options.format === 'auto' && Boolean(process.stdout.isTTY));
    this.pino = pino(
      {
        name: options.name,
        level: PINO_LEVELS[options.level],
        timestamp: pino.stdTimeFunctions.isoTime,
        // `err` arrives already serialised, secrets taken out (see Redactor.error).
        serializers: { err: (err: unknown) => err },
        // Level names read better than numbers in JSON; pino-pretty wants the numbers.
        ...(!pretty && { formatters: { level: (label: string) => ({ level: label }) } }),
      },
      pretty ? prettyStream(options.destination) : jsonStream(options.destination),
    );
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: NestLogLevel[]): void {
    const most = VERBOSITY.find((level) => levels.includes(level));
    this.pino.level = most ? PINO_LEVELS[most] : 'silent';
  }

  /**
   * Nest calls `log(message, ...params, context)`: the last string that is not
   * a stack trace is the Logger's context; a stack string or an Error becomes
   * `err`; objects add fields; anything else is appended to the message.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const last = params[params.length - 1];
    if (typeof last === 'string' && !STACK.test(last)) {
      fields.context = last;
      params = params.slice(0, -1);
    }
    let text = this.message(message, fields);
    for (const param of params) {
      if (param === undefined) continue;
      if (param instanceof Error) fields.err = this.redactor.error(param);
      else if (typeof param === 'string' && STACK.test(param)) fields.err = { stack: this.redactor.text(param) };
      else if (isRecord(param)) Object.assign(fields, this.redactor.value(param));
      else text += ` ${this.redactor.text(String(param))}`;
    }
    this.pino[level](fields, text);
  }

  private message(message: unknown, fields: Record<string, unknown>): string {
    if (typeof message === 'string') return this.redactor.text(message);
    if (message instanceof Error) {
      fields.err = this.redactor.error(message);
      return this.redactor.text(message.message);
    }
    if (isRecord(message)) {
      const { msg, message: text, ...rest } = message;
      Object.assign(fields, this.redactor.value(rest));
      return this.redactor.text(String(msg ?? text ?? ''));
    }
    return this.redactor.text(String(message));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonStream(destination: NodeJS.WritableStream | undefined): DestinationStream {
  return destination ?? pino.destination({ fd: 1, sync: true });
}

/** pino-pretty in the process (no worker thread), writing synchronously. */
function prettyStream(destination: NodeJS.WritableStream | undefined): DestinationStream {
  return PinoPretty({
    destination: destination ?? 1,
    sync: true,
    colorize: destination === undefined && Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}
