import { DynamicModule, INestApplication, Logger, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthModule } from './health/health.module';
import { corsMiddleware } from './http/cors.middleware';
import { Readiness } from './health/readiness';
import { Infrastructure, openInfrastructure } from './infrastructure/infrastructure';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProcessLogger } from './logging/process-logger';
import { urlPassword } from './logging/redactor';
import { Metrics } from './metrics/metrics';
import { MetricsModule } from './metrics/metrics.module';
import { loadSettings, Settings } from './settings';

/** The process's logger (pino) behind every Nest `Logger`, from now on. */
function useProcessLogger(name: string, settings: Pick<Settings, 'logLevel' | 'logFormat'> & Partial<Settings>): ProcessLogger {
  const logger = new ProcessLogger({
    name,
    level: settings.logLevel,
    format: settings.logFormat,
    secrets: [settings.tokenSecret, settings.adminToken, urlPassword(settings.databaseUrl)],
  });
  ProcessLogger.install(logger);
  return logger;
}

export interface ServiceDefinition {
  /** Process name: shown in logs and given to the NATS connection. */
  name: string;
  mode: Infrastructure['mode'];
  /** The feature modules this process runs (one per service; all of them when embedded). */
  modules: Array<Type<unknown> | DynamicModule>;
  settings: Settings;
  /** Lines printed once the process listens: what a new user does next (the embedded mode's CLI commands). */
  nextSteps?: (url: string, settings: Settings) => string[];
}

export interface RunningService {
  app: INestApplication;
  url: string;
  /** Graceful stop: not ready, finish in-flight HTTP and work, drain the bus, close the database. */
  stop(): Promise<void>;
}

/** Builds and starts one Switchboard process; it listens on settings.host:settings.port. */
export async function startService(definition: ServiceDefinition): Promise<RunningService> {
  const { settings } = definition;
  const logger = useProcessLogger(definition.name, settings);
  const metrics = new Metrics();
  const infrastructure = await openInfrastructure(settings, definition.name, definition.mode, metrics);
  // Generated when not configured: never logged either.
  logger.redactor.addSecret(infrastructure.secrets.adminToken);

  @Module({
    imports: [InfrastructureModule.forRoot(infrastructure, settings), HealthModule, MetricsModule.forRoot(metrics), ...definition.modules],
  })
  class ProcessModule {}

  let app: INestApplication;
  try {
    app = await NestFactory.create(ProcessModule, {
      logger,
      // Not forceCloseConnections: it would cut requests in flight. Node's server.close()
      // already closes idle keep-alive sockets and lets busy ones finish.
      abortOnError: false,
      // The Web API reads its own bodies, so malformed JSON gets the spec's error object.
      bodyParser: false,
    });
    app.use(corsMiddleware(settings.cors));
    await app.listen(settings.port, settings.host);
  } catch (error) {
    await infrastructure.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  const url = `http://${host}:${address.port}`;
  let stopping: Promise<void> | undefined;
  return {
    app,
    url,
    stop() {
      stopping ??= (async () => {
        app.get(Readiness).markShuttingDown();
        await app.close();
      })();
      return stopping;
    },
  };
}

/**
 * Runs a process until SIGTERM/SIGINT, then shuts it down gracefully; exits
 * non-zero when start-up fails or the shutdown outlives SHUTDOWN_TIMEOUT_MS.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const logger = new Logger(definition.name);
  // Last resort (docs/adr/0009): Node ends the process on a rejection nobody
  // handles, dropping every client of it for what is a missing catch in one
  // background path. Log it loudly as the bug it is, and keep serving.
  process.on('unhandledRejection', (reason) => {
    logger.error(`unhandled promise rejection (a bug): ${(reason as Error)?.stack ?? String(reason)}`);
  });
  let service: RunningService;
  try {
    service = await startService(definition);
  } catch (error) {
    logger.error(`failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  logger.log(`${definition.name} listening on ${service.url} (${definition.mode} mode)`);
  for (const line of definition.nextSteps?.(service.url, definition.settings) ?? []) logger.log(line);
  const shutdown = (signal: string) => {
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${definition.settings.shutdownTimeoutMs} ms: exiting`);
      process.exit(1);
    }, definition.settings.shutdownTimeoutMs).unref();
    service.stop().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** The `main` of every app: reads the settings (a bad one exits with a clear message) and runs. */
export function launch(
  name: ServiceDefinition['name'],
  app: Parameters<typeof loadSettings>[0],
  mode: ServiceDefinition['mode'],
  modules: ServiceDefinition['modules'],
  options: Pick<ServiceDefinition, 'nextSteps'> = {},
): void {
  let settings: Settings;
  try {
    settings = loadSettings(app);
  } catch (error) {
    useProcessLogger(name, { logLevel: 'log', logFormat: 'auto' });
    new Logger(name).error((error as Error).message);
    process.exit(1);
  }
  void runService({ name, mode, modules, settings, ...options });
}
