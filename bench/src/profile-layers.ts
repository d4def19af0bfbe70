/**
 * Which layer of Switchboard a CPU profile sample belongs to.
 *
 * A sample goes to the leaf-most frame of its stack that classifies, walking
 * up past native frames, WebAssembly and node internals: `JSON.parse` called
 * from pg counts as SQL driver, a socket write from ws as WebSocket. A stack
 * of node internals only (a socket read before any callback) is node I/O.
 *
 * JSON has no row: V8's sampling profiler has no frame for the JSON builtins
 * (it charges their time to the JavaScript function that called them), so
 * parsing and serialising count to whoever did it — pg decoding jsonb is SQL
 * driver, our RTM frames are gateway or protocol.
 */
export const LAYERS = [
  'WebSocket',
  'validation/protocol',
  'framework dispatch',
  'SQL driver',
  'NATS / bus',
  'push fan-out',
  'relay',
  'event store & projections',
  'domain',
  'gateway',
  'logging/metrics',
  'GC',
  '(program)',
  'node I/O',
  'other',
] as const;
export type Layer = (typeof LAYERS)[number];

const PACKAGES: Array<[Layer, RegExp]> = [
  ['WebSocket', /^ws$/],
  ['validation/protocol', /^zod$/],
  [
    'framework dispatch',
    /^(@nestjs\/.*|express|body-parser|router|raw-body|rxjs|reflect-metadata|path-to-regexp|finalhandler|on-finished|type-is|qs|iconv-lite|accepts|negotiator|mime-types|content-type|send|statuses|http-errors|depd|debug|parseurl|proxy-addr|iterare|tslib)$/,
  ],
  ['SQL driver', /^(pg|pg-.*|postgres-.*|pgpass|@electric-sql\/pglite)$/],
  ['NATS / bus', /^(nats|nkeys\.js)$/],
  ['logging/metrics', /^(pino|pino-.*|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|safe-stable-stringify|atomic-sleep|on-exit-leak-free|prom-client|tdigest|bintrees)$/],
];

/** Our code, by path under libs/ (first match wins). */
const OURS: Array<[Layer, RegExp]> = [
  ['validation/protocol', /^protocol\//],
  ['push fan-out', /^gateway-kit\/src\/(push|feed)\//],
  ['relay', /^services\/event-relay\//],
  ['event store & projections', /^(event-store|read-models)\//],
  ['domain', /^(chat|configuration)\//],
  ['NATS / bus', /^messaging\//],
  ['gateway', /^(gateway-kit|services|auth)\//],
  ['logging/metrics', /^platform\//],
];

/** The package a path inside node_modules belongs to (`pg`, `@nestjs/core`). */
function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const parts = url.slice(at + '/node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * The layer of one frame, `node` for a node internal (passed over, remembered),
 * undefined for a frame that says nothing (native, WebAssembly, the root).
 */
export function classifyFrame(functionName: string, url: string): Layer | 'node' | undefined {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return '(program)';
  if (!url || url.startsWith('wasm://')) return undefined;
  if (url.startsWith('node:')) return 'node';
  const pkg = packageOf(url);
  if (pkg !== undefined) return PACKAGES.find(([, pattern]) => pattern.test(pkg))?.[0] ?? 'other';
  const libs = url.indexOf('/libs/');
  if (libs >= 0) {
    const path = url.slice(libs + '/libs/'.length);
    return OURS.find(([, pattern]) => pattern.test(path))?.[0] ?? 'other';
  }
  return 'other';
}

/** A path short enough for a table: from `node_modules/` or `libs/`/`apps/` on. */
export function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + 1);
  const ours = /\/(libs|apps)\/.*$/.exec(url);
  return ours ? ours[0].slice(1) : url.replace(/^file:\/\//, '');
}
