/** Prometheus scrapes every app here (text exposition format). */
export const METRICS_PATH = '/metrics';
