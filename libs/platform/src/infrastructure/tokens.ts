/** Dependency-injection tokens of the platform's shared connections. */
export const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const BUS = Symbol('BUS');
export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const SETTINGS_TOKEN = Symbol('SETTINGS');
