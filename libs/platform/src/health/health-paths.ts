/** Liveness: the process is up and its event loop answers. */
export const HEALTH_PATH = '/health';
/** Readiness: the database and the bus are connected and the app is not shutting down. */
export const READY_PATH = '/ready';
