/**
 * Static checks of the Kubernetes manifests (deploy/) and the Dockerfile
 * (docker/) against the settings catalogue and health paths the apps use.
 * Nothing here needs a cluster or a Docker engine: files are parsed and
 * cross-referenced. Each check collects its problems as readable strings and
 * expects that list to be empty, so a failure names the file and the fault.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { HEALTH_PATH, READY_PATH } from '../libs/platform/src/health/health-paths';
import { METRICS_PATH } from '../libs/platform/src/metrics/metrics-path';
import { APP_NAMES, APP_SETTINGS, SETTINGS, type AppName, type SettingName } from '../libs/platform/src/settings';

// ------------------------------------------------------------------ shapes

type Labels = Record<string, string>;

interface Metadata {
  name?: string;
  labels?: Labels;
  annotations?: Record<string, string>;
}

interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Metadata;
  spec?: unknown;
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
}

interface ContainerPort {
  name?: string;
  containerPort?: number;
}

interface Probe {
  httpGet?: { path?: string; port?: string | number };
  exec?: { command?: string[] };
  sleep?: { seconds?: number };
}

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name?: string; key?: string } };
}

interface Container {
  name?: string;
  image?: string;
  args?: string[];
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name?: string; optional?: boolean }; secretRef?: { name?: string; optional?: boolean } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: Probe };
  securityContext?: SecurityContext;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name?: string; mountPath?: string }[];
}

interface PodTemplate {
  metadata?: Metadata;
  spec?: {
    containers?: Container[];
    securityContext?: SecurityContext;
    terminationGracePeriodSeconds?: number;
  };
}

interface WorkloadSpec {
  replicas?: number;
  selector?: { matchLabels?: Labels };
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string } };
  template?: PodTemplate;
  volumeClaimTemplates?: { metadata?: Metadata }[];
}

interface ServiceSpec {
  selector?: Labels;
  ports?: { name?: string; port?: number; targetPort?: string | number }[];
}

interface HpaSpec {
  scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: { type?: string; resource?: { name?: string; target?: { type?: string; averageUtilization?: number } } }[];
}

interface PdbSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: { matchLabels?: Labels };
}

interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
}

interface IngressSpec {
  ingressClassName?: string;
  rules?: { http?: { paths?: { path?: string; pathType?: string; backend?: IngressBackend }[] } }[];
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  components?: string[];
  patches?: { path?: string; target?: { kind?: string; name?: string } }[];
  patchesStrategicMerge?: string[];
  labels?: { pairs?: Labels }[];
  commonLabels?: Labels;
  images?: { name?: string }[];
  replicas?: { name?: string; count?: number }[];
}

// ------------------------------------------------------------------ loading

const DEPLOY_DIR = __dirname;
const BASE_DIR = path.join(DEPLOY_DIR, 'base');
const REPO_ROOT = path.resolve(DEPLOY_DIR, '..');
const DOCKERFILE = path.join(REPO_ROOT, 'docker', 'Dockerfile');
const GATEWAYS: AppName[] = ['agent-gateway', 'customer-gateway'];
const CONFIG_MAP_NAME = 'switchboard-config';
const SECRET_NAME = 'switchboard-secrets';

const rel = (file: string): string => path.relative(REPO_ROOT, file);

function yamlFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const parseErrors: string[] = [];

/** Every document of a (possibly multi-document) YAML file; empty documents are dropped. */
function parseYamlFile(file: string): unknown[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const values: unknown[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) parseErrors.push(`${rel(file)}: ${error.message}`);
    if (doc.errors.length > 0) continue;
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

const allYamlFiles = yamlFilesUnder(DEPLOY_DIR);
const parsed = new Map<string, unknown[]>(allYamlFiles.map((file) => [file, parseYamlFile(file)]));

const isKustomizationFile = (file: string): boolean => /^kustomization\.ya?ml$/.test(path.basename(file));
const kustomizationFiles = allYamlFiles.filter(isKustomizationFile);
const kustomization = (file: string): Kustomization => (parsed.get(file)?.[0] ?? {}) as Kustomization;

const baseKustomizationFile = path.join(BASE_DIR, 'kustomization.yaml');
const baseResourceFiles = yamlFilesUnder(BASE_DIR).filter((file) => !isKustomizationFile(file));
const baseObjects: { file: string; obj: K8sObject }[] = baseResourceFiles.flatMap((file) =>
  (parsed.get(file) ?? []).map((obj) => ({ file, obj: obj as K8sObject })),
);

const objectsOfKind = (kind: string): K8sObject[] => baseObjects.filter((o) => o.obj.kind === kind).map((o) => o.obj);
const named = (kind: string, name: string): K8sObject[] => objectsOfKind(kind).filter((o) => o.metadata?.name === name);
const one = (kind: string, name: string): K8sObject | undefined => {
  const found = named(kind, name);
  return found.length === 1 ? found[0] : undefined;
};

const workloadSpec = (o: K8sObject | undefined): WorkloadSpec => (o?.spec ?? {}) as WorkloadSpec;
const serviceSpec = (o: K8sObject | undefined): ServiceSpec => (o?.spec ?? {}) as ServiceSpec;

function stringValues(record: Record<string, unknown> | undefined): Record<string, unknown> {
  return record ?? {};
}

const configMap = one('ConfigMap', CONFIG_MAP_NAME);
const secret = one('Secret', SECRET_NAME);
const configData = stringValues(configMap?.data);
const secretData: Record<string, unknown> = {
  ...Object.fromEntries(
    Object.entries(stringValues(secret?.data)).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString('utf8')]),
  ),
  ...stringValues(secret?.stringData),
};
const appPort = Number(configData.PORT);
const shutdownTimeoutMs = Number(configData.SHUTDOWN_TIMEOUT_MS);

// ------------------------------------------------------------------ helpers

const isSubset = (selector: Labels | undefined, labels: Labels | undefined): boolean =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

function resolveContainerPort(container: Container | undefined, ref: string | number | undefined): ContainerPort | undefined {
  if (ref === undefined) return undefined;
  return (container?.ports ?? []).find((p) => (typeof ref === 'string' ? p.name === ref : p.containerPort === ref));
}

function appContainer(deployment: K8sObject | undefined, app: string): Container | undefined {
  return workloadSpec(deployment).template?.spec?.containers?.find((c) => c.name === app);
}

/** Seconds slept by a preStop hook (`sleep N`, `sh -c "sleep N"`, or the native sleep action); undefined if none. */
function preStopSleepSeconds(container: Container | undefined): number | undefined {
  const preStop = container?.lifecycle?.preStop;
  if (preStop?.sleep?.seconds !== undefined) return preStop.sleep.seconds;
  const command = (preStop?.exec?.command ?? []).join(' ');
  const match = /(?:^|\s|\/)sleep\s+(\d+)/.exec(command);
  return match ? Number(match[1]) : undefined;
}

/** Effective security settings of a container: the container's own, else the pod's. */
function effectiveSecurity(template: PodTemplate | undefined, container: Container): SecurityContext {
  return { ...(template?.spec?.securityContext ?? {}), ...(container.securityContext ?? {}) };
}

function podSecurityProblems(where: string, template: PodTemplate | undefined, requireReadOnlyRoot: boolean): string[] {
  const problems: string[] = [];
  for (const container of template?.spec?.containers ?? []) {
    const sc = effectiveSecurity(template, container);
    const label = `${where} container ${container.name}`;
    if (sc.runAsNonRoot !== true) problems.push(`${label}: runAsNonRoot must be true`);
    if (sc.runAsUser === 0) problems.push(`${label}: runAsUser is 0 (root)`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${label}: allowPrivilegeEscalation must be false`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${label}: capabilities must drop ALL`);
    if (requireReadOnlyRoot && sc.readOnlyRootFilesystem !== true) problems.push(`${label}: readOnlyRootFilesystem must be true`);
  }
  if ((template?.spec?.containers ?? []).length === 0) problems.push(`${where}: no containers`);
  return problems;
}

/** Whether a Service (by name) exposes `port`, and the object found. */
function serviceExposes(name: string, port: number): boolean {
  return (serviceSpec(one('Service', name)).ports ?? []).some((p) => p.port === port);
}

function surge(spec: WorkloadSpec, replicas: number): number {
  if (spec.strategy?.type === 'Recreate') return 0;
  const raw = spec.strategy?.rollingUpdate?.maxSurge ?? '25%';
  return typeof raw === 'number' ? raw : Math.ceil((replicas * Number(String(raw).replace('%', ''))) / 100);
}

const hpaFor = (deploymentName: string): K8sObject[] =>
  objectsOfKind('HorizontalPodAutoscaler').filter((h) => {
    const ref = (h.spec as HpaSpec | undefined)?.scaleTargetRef;
    return ref?.kind === 'Deployment' && ref.name === deploymentName;
  });

// =================================================================== tests

describe('deploy/ YAML files', () => {
  it('are found and all parse as YAML', () => {
    expect(allYamlFiles.length).toBeGreaterThan(0);
    expect(parseErrors).toEqual([]);
  });

  it('every resource file in base/ holds exactly one Kubernetes object with kind, apiVersion and name', () => {
    const problems: string[] = [];
    for (const file of baseResourceFiles) {
      const docs = parsed.get(file) ?? [];
      if (docs.length !== 1) problems.push(`${rel(file)}: ${docs.length} documents, expected exactly 1`);
      for (const doc of docs) {
        const o = doc as K8sObject;
        if (!o.kind || !o.apiVersion || !o.metadata?.name) problems.push(`${rel(file)}: missing kind, apiVersion or metadata.name`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('kustomizations', () => {
  it('base/kustomization.yaml exists', () => {
    expect(fs.existsSync(baseKustomizationFile)).toBe(true);
  });

  it('every file or folder a kustomization.yaml refers to exists', () => {
    const problems: string[] = [];
    for (const file of kustomizationFiles) {
      const k = kustomization(file);
      const dir = path.dirname(file);
      const refs = [
        ...(k.resources ?? []),
        ...(k.components ?? []),
        ...(k.patchesStrategicMerge ?? []),
        ...(k.patches ?? []).flatMap((p) => (p.path ? [p.path] : [])),
      ];
      for (const ref of refs) {
        if (/^[a-z]+:\/\//.test(ref) || ref.startsWith('github.com/')) continue; // remote bases are not checked
        const target = path.resolve(dir, ref);
        if (!fs.existsSync(target)) {
          problems.push(`${rel(file)}: "${ref}" does not exist`);
        } else if (fs.statSync(target).isDirectory() && !['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((n) => fs.existsSync(path.join(target, n)))) {
          problems.push(`${rel(file)}: folder "${ref}" has no kustomization.yaml`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every YAML file in base/ is listed in base/kustomization.yaml', () => {
    const listed = new Set((kustomization(baseKustomizationFile).resources ?? []).map((r) => path.resolve(BASE_DIR, r)));
    const unlisted = baseResourceFiles.filter((file) => !listed.has(file)).map(rel);
    expect(unlisted).toEqual([]);
  });

  it('base puts everything in the switchboard Namespace, declares it, and sets common labels', () => {
    const k = kustomization(baseKustomizationFile);
    expect(k.namespace).toBe('switchboard');
    expect(named('Namespace', 'switchboard')).toHaveLength(1);
    const labels = { ...(k.commonLabels ?? {}), ...Object.assign({}, ...(k.labels ?? []).map((l) => l.pairs ?? {})) };
    expect(labels).toHaveProperty(['app.kubernetes.io/part-of'], 'switchboard');
  });

  it('overlays only refer to images, Deployments and patch targets that exist in base, and never scale event-relay', () => {
    const problems: string[] = [];
    const baseImages = new Set(
      [...objectsOfKind('Deployment'), ...objectsOfKind('StatefulSet')].flatMap((w) =>
        (workloadSpec(w).template?.spec?.containers ?? []).map((c) => (c.image ?? '').replace(/[:@].*$/, '')),
      ),
    );
    for (const file of kustomizationFiles.filter((f) => f !== baseKustomizationFile)) {
      const k = kustomization(file);
      for (const image of k.images ?? []) {
        if (!baseImages.has(image.name ?? '')) problems.push(`${rel(file)}: images entry "${image.name}" matches no container image in base`);
      }
      for (const r of k.replicas ?? []) {
        if (named('Deployment', r.name ?? '').length !== 1) problems.push(`${rel(file)}: replicas entry "${r.name}" is not a Deployment in base`);
        if (hpaFor(r.name ?? '').length > 0) problems.push(`${rel(file)}: replicas for "${r.name}" fights its HorizontalPodAutoscaler; patch the HPA instead`);
        if (r.name === 'event-relay' && r.count !== 1) problems.push(`${rel(file)}: event-relay must keep exactly 1 replica, got ${r.count}`);
      }
      for (const p of k.patches ?? []) {
        const target = p.target;
        if (!target?.kind || !target.name) continue;
        const re = new RegExp(`^(?:${target.name})$`);
        if (!objectsOfKind(target.kind).some((o) => re.test(o.metadata?.name ?? ''))) {
          problems.push(`${rel(file)}: patch target ${target.kind}/${target.name} matches nothing in base`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('settings: ConfigMap and Secret', () => {
  it(`has exactly one ConfigMap ${CONFIG_MAP_NAME} and one Secret ${SECRET_NAME}`, () => {
    expect(named('ConfigMap', CONFIG_MAP_NAME)).toHaveLength(1);
    expect(named('Secret', SECRET_NAME)).toHaveLength(1);
  });

  it('ConfigMap values are strings and every key is a known setting (catches typos)', () => {
    const problems = Object.entries(configData).flatMap(([key, value]) => [
      ...(typeof value === 'string' ? [] : [`ConfigMap ${key}: value ${JSON.stringify(value)} must be a quoted string`]),
      ...(key in SETTINGS ? [] : [`ConfigMap ${key}: not a setting in libs/platform/src/settings.ts`]),
    ]);
    expect(problems).toEqual([]);
  });

  it('PORT and SHUTDOWN_TIMEOUT_MS are positive integers', () => {
    expect(Number.isInteger(appPort) && appPort > 0).toBe(true);
    expect(Number.isInteger(shutdownTimeoutMs) && shutdownTimeoutMs > 0).toBe(true);
  });

  it('every setting an app reads is provided: secret ones only in the Secret, the others only in the ConfigMap', () => {
    const problems: string[] = [];
    const needed = new Set<SettingName>(APP_NAMES.flatMap((app) => APP_SETTINGS[app]));
    for (const name of needed) {
      const isSecret = (SETTINGS[name] as { secret?: boolean }).secret === true;
      const inConfig = name in configData;
      const inSecret = name in secretData;
      if (isSecret && inConfig) problems.push(`${name} is secret but appears in ConfigMap ${CONFIG_MAP_NAME}`);
      if (isSecret && !inSecret) problems.push(`${name} is secret and missing from Secret ${SECRET_NAME}`);
      if (!isSecret && !inConfig) problems.push(`${name} is missing from ConfigMap ${CONFIG_MAP_NAME}`);
      if (!isSecret && inSecret) problems.push(`${name} is not secret but appears in Secret ${SECRET_NAME} (and would shadow the ConfigMap)`);
    }
    for (const [key, value] of Object.entries(secretData)) {
      if (typeof value !== 'string' || value === '') problems.push(`Secret ${key}: must be a non-empty string`);
    }
    expect(problems).toEqual([]);
  });

  it('NATS_URL points at an in-cluster Service and port backed by a JetStream-enabled NATS', () => {
    const problems: string[] = [];
    for (const raw of String(configData.NATS_URL ?? '').split(',')) {
      const url = new URL(raw.trim());
      const service = url.hostname.split('.')[0];
      const port = Number(url.port || 4222);
      if (url.protocol !== 'nats:') problems.push(`NATS_URL ${raw}: protocol must be nats:`);
      if (!serviceExposes(service, port)) problems.push(`NATS_URL ${raw}: no Service "${service}" with port ${port}`);
      const selector = serviceSpec(one('Service', service)).selector;
      const backing = objectsOfKind('StatefulSet').find((s) => isSubset(selector, workloadSpec(s).template?.metadata?.labels));
      const args = workloadSpec(backing).template?.spec?.containers?.[0]?.args ?? [];
      if (!backing) problems.push(`NATS_URL ${raw}: Service "${service}" selects no StatefulSet`);
      else if (!args.includes('-js') && !args.includes('--jetstream')) problems.push(`NATS StatefulSet: JetStream (-js) is not enabled`);
    }
    expect(problems).toEqual([]);
  });

  it('DATABASE_URL points at the postgres Service, with the user, database and password PostgreSQL is given', () => {
    const url = new URL(String(secretData.DATABASE_URL));
    expect(['postgres:', 'postgresql:']).toContain(url.protocol);
    const service = url.hostname.split('.')[0];
    expect(serviceExposes(service, Number(url.port || 5432))).toBe(true);

    const postgres = objectsOfKind('StatefulSet').find((s) =>
      isSubset(serviceSpec(one('Service', service)).selector, workloadSpec(s).template?.metadata?.labels),
    );
    const env = workloadSpec(postgres).template?.spec?.containers?.[0]?.env ?? [];
    const envValue = (name: string): EnvVar | undefined => env.find((e) => e.name === name);
    expect(envValue('POSTGRES_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: SECRET_NAME, key: 'POSTGRES_PASSWORD' });
    expect(decodeURIComponent(url.password)).toBe(secretData.POSTGRES_PASSWORD);
    expect(decodeURIComponent(url.username)).toBe(envValue('POSTGRES_USER')?.value ?? 'postgres');
    expect(url.pathname.slice(1)).toBe(envValue('POSTGRES_DB')?.value ?? envValue('POSTGRES_USER')?.value ?? 'postgres');
  });
});

describe.each(APP_NAMES)('app %s', (app) => {
  const deployment = one('Deployment', app);
  const service = one('Service', app);
  const spec = workloadSpec(deployment);
  const template = spec.template;
  const container = appContainer(deployment, app);

  it('has exactly one Deployment and one Service, named after the app', () => {
    expect(named('Deployment', app)).toHaveLength(1);
    expect(named('Service', app)).toHaveLength(1);
  });

  it(`runs image switchboard/${app} in a container named after the app`, () => {
    expect(container).toBeDefined();
    expect(container?.image?.replace(/[:@].*$/, '')).toBe(`switchboard/${app}`);
  });

  it('selects its own pods only', () => {
    expect(isSubset(spec.selector?.matchLabels, template?.metadata?.labels)).toBe(true);
    const selector = serviceSpec(service).selector;
    expect(isSubset(selector, template?.metadata?.labels)).toBe(true);
    const alsoSelected = objectsOfKind('Deployment')
      .filter((d) => d.metadata?.name !== app && isSubset(selector, workloadSpec(d).template?.metadata?.labels))
      .map((d) => d.metadata?.name);
    expect(alsoSelected).toEqual([]);
  });

  it('declares a named container port equal to the ConfigMap PORT', () => {
    const port = (container?.ports ?? []).find((p) => p.containerPort === appPort);
    expect(port).toBeDefined();
    expect(port?.name).toBeTruthy();
  });

  it(`probes ${HEALTH_PATH} (startup, liveness) and ${READY_PATH} (readiness) on the named app port`, () => {
    const problems: string[] = [];
    const expected: [string, Probe | undefined, string][] = [
      ['startupProbe', container?.startupProbe, HEALTH_PATH],
      ['livenessProbe', container?.livenessProbe, HEALTH_PATH],
      ['readinessProbe', container?.readinessProbe, READY_PATH],
    ];
    for (const [kind, probe, probePath] of expected) {
      const get = probe?.httpGet;
      if (!get) {
        problems.push(`${kind}: missing or not httpGet`);
        continue;
      }
      if (get.path !== probePath) problems.push(`${kind}: path ${get.path}, expected ${probePath}`);
      if (typeof get.port !== 'string') problems.push(`${kind}: port ${get.port} should name the container port`);
      const target = resolveContainerPort(container, get.port);
      if (target?.containerPort !== appPort) problems.push(`${kind}: port ${get.port} resolves to ${target?.containerPort}, expected ${appPort} (ConfigMap PORT)`);
    }
    expect(problems).toEqual([]);
  });

  it(`asks Prometheus to scrape ${METRICS_PATH} on the app port`, () => {
    expect(template?.metadata?.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(appPort),
      'prometheus.io/path': METRICS_PATH,
    });
    expect(resolveContainerPort(container, appPort)).toBeDefined();
  });

  it('Service port 80 targets the app container port', () => {
    const ports = serviceSpec(service).ports ?? [];
    const web = ports.find((p) => p.port === 80);
    expect(web).toBeDefined();
    for (const p of ports) {
      expect({ port: p.port, resolvesTo: resolveContainerPort(container, p.targetPort ?? p.port)?.containerPort }).toEqual({
        port: p.port,
        resolvesTo: appPort,
      });
    }
  });

  it('takes its settings from the ConfigMap and the Secret, without overriding them', () => {
    const envFrom = container?.envFrom ?? [];
    expect(envFrom.filter((e) => e.configMapRef?.name === CONFIG_MAP_NAME && !e.configMapRef.optional)).toHaveLength(1);
    expect(envFrom.filter((e) => e.secretRef?.name === SECRET_NAME && !e.secretRef.optional)).toHaveLength(1);
    const overridden = (container?.env ?? []).map((e) => e.name).filter((name) => APP_SETTINGS[app].includes(name as SettingName));
    expect(overridden).toEqual([]);
  });

  it('shuts down within the grace period: preStop sleep + SHUTDOWN_TIMEOUT_MS < terminationGracePeriodSeconds', () => {
    const grace = template?.spec?.terminationGracePeriodSeconds;
    const sleep = preStopSleepSeconds(container);
    expect(grace).toBeDefined();
    expect(sleep).toBeDefined();
    expect((grace ?? 0) * 1000).toBeGreaterThan(shutdownTimeoutMs + (sleep ?? 0) * 1000);
  });

  it('runs as non-root, without privilege escalation, on a read-only root filesystem', () => {
    expect(podSecurityProblems(`Deployment ${app}`, template, true)).toEqual([]);
  });

  it('requests CPU and memory and limits memory', () => {
    expect(container?.resources?.requests?.cpu).toBeTruthy();
    expect(container?.resources?.requests?.memory).toBeTruthy();
    expect(container?.resources?.limits?.memory).toBeTruthy();
  });
});

describe.each(GATEWAYS)('gateway %s', (gateway) => {
  const template = workloadSpec(one('Deployment', gateway)).template;

  it('has a CPU HorizontalPodAutoscaler (70%, 2..10) targeting its Deployment', () => {
    const hpas = hpaFor(gateway);
    expect(hpas).toHaveLength(1);
    const hpa = hpas[0]?.spec as HpaSpec;
    expect(hpas[0]?.apiVersion).toBe('autoscaling/v2');
    expect(hpa.scaleTargetRef?.apiVersion).toBe('apps/v1');
    expect({ min: hpa.minReplicas, max: hpa.maxReplicas }).toEqual({ min: 2, max: 10 });
    const cpu = (hpa.metrics ?? []).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
    expect(cpu?.resource?.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
    // Utilization is relative to the CPU request: without one the HPA cannot work.
    expect(appContainer(one('Deployment', gateway), gateway)?.resources?.requests?.cpu).toBeTruthy();
    // A fixed replica count outside the HPA range would be reset on every apply.
    const replicas = workloadSpec(one('Deployment', gateway)).replicas;
    if (replicas !== undefined) {
      expect(replicas).toBeGreaterThanOrEqual(hpa.minReplicas ?? 1);
      expect(replicas).toBeLessThanOrEqual(hpa.maxReplicas ?? 1);
    }
  });

  it('has a PodDisruptionBudget selecting only its pods that still lets nodes drain', () => {
    const pdbs = objectsOfKind('PodDisruptionBudget').filter((p) =>
      isSubset((p.spec as PdbSpec).selector?.matchLabels, template?.metadata?.labels),
    );
    expect(pdbs).toHaveLength(1);
    const pdb = pdbs[0]?.spec as PdbSpec;
    const others = objectsOfKind('Deployment').filter(
      (d) => d.metadata?.name !== gateway && isSubset(pdb.selector?.matchLabels, workloadSpec(d).template?.metadata?.labels),
    );
    expect(others).toEqual([]);
    const min = (hpaFor(gateway)[0]?.spec as HpaSpec | undefined)?.minReplicas ?? 1;
    if (typeof pdb.minAvailable === 'number') expect(pdb.minAvailable).toBeLessThan(min);
    else expect(pdb.minAvailable ?? pdb.maxUnavailable).toBeDefined();
  });
});

describe('event-relay', () => {
  const spec = workloadSpec(one('Deployment', 'event-relay'));

  it('runs exactly one replica, replaced with Recreate, and is not autoscaled', () => {
    expect(spec.replicas).toBe(1);
    expect(spec.strategy?.type).toBe('Recreate');
    expect(hpaFor('event-relay')).toEqual([]);
  });
});

describe('Ingress', () => {
  const routes: Record<string, AppName> = {
    '/v3.4/agent': 'agent-gateway',
    '/v3.4/customer': 'customer-gateway',
    '/v3.4/configuration': 'configuration',
    // The browser pages (ADR 0045).
    '/agent': 'agent-gateway',
    '/docs': 'agent-gateway',
    '/assets': 'agent-gateway',
    '/widget': 'customer-gateway',
    '/demo': 'customer-gateway',
  };
  const ingresses = objectsOfKind('Ingress');

  it('exists once, networking.k8s.io/v1, class nginx, with WebSocket-friendly timeouts', () => {
    expect(ingresses).toHaveLength(1);
    expect(ingresses[0]?.apiVersion).toBe('networking.k8s.io/v1');
    expect((ingresses[0]?.spec as IngressSpec).ingressClassName).toBe('nginx');
    const annotations = ingresses[0]?.metadata?.annotations ?? {};
    // nginx's 60 s default would cut idle RTM sockets.
    for (const key of ['proxy-read-timeout', 'proxy-send-timeout']) {
      expect(Number(annotations[`nginx.ingress.kubernetes.io/${key}`])).toBeGreaterThanOrEqual(300);
    }
  });

  it.each(Object.entries(routes))('routes Prefix %s to Service %s on a port it exposes', (prefix, app) => {
    const paths = ((ingresses[0]?.spec as IngressSpec | undefined)?.rules ?? []).flatMap((r) => r.http?.paths ?? []);
    const matches = paths.filter((p) => p.path === prefix);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.pathType).toBe('Prefix');
    const backend = matches[0]?.backend?.service;
    expect(backend?.name).toBe(app);
    const servicePorts = serviceSpec(one('Service', app)).ports ?? [];
    const port = servicePorts.find((p) => (backend?.port?.name ? p.name === backend.port.name : p.port === backend?.port?.number));
    expect(port).toBeDefined();
  });
});

describe('backing services and capacity', () => {
  it('every pod in base runs as non-root without privilege escalation', () => {
    const problems = [...objectsOfKind('Deployment'), ...objectsOfKind('StatefulSet')].flatMap((w) =>
      podSecurityProblems(`${w.kind} ${w.metadata?.name}`, workloadSpec(w).template, false),
    );
    expect(problems).toEqual([]);
  });

  it('NATS: pinned 2.9.10, JetStream store on a volumeClaimTemplate, /healthz probes on the monitoring port', () => {
    const nats = one('StatefulSet', 'nats');
    const spec = workloadSpec(nats);
    const container = spec.template?.spec?.containers?.[0];
    expect(container?.image).toBe('nats:2.9.10-alpine');
    const args = container?.args ?? [];
    const storeDir = args[args.indexOf('-sd') + 1];
    const claims = (spec.volumeClaimTemplates ?? []).map((c) => c.metadata?.name);
    const storeMount = (container?.volumeMounts ?? []).find((m) => m.mountPath === storeDir);
    expect(args).toContain('-sd');
    expect(claims).toContain(storeMount?.name);
    const monitorPort = Number(args[args.indexOf('-m') + 1]);
    for (const probe of [container?.startupProbe, container?.livenessProbe, container?.readinessProbe]) {
      expect(probe?.httpGet?.path).toBe('/healthz');
      expect(resolveContainerPort(container, probe?.httpGet?.port)?.containerPort).toBe(monitorPort);
    }
    expect(resolveContainerPort(container, 'client')?.containerPort).toBe(4222);
    expect(serviceSpec(one('Service', 'nats'))).toMatchObject({ clusterIP: 'None' });
  });

  it('PostgreSQL: version 15, PGDATA on a volumeClaimTemplate, pg_isready readiness', () => {
    const spec = workloadSpec(one('StatefulSet', 'postgres'));
    const container = spec.template?.spec?.containers?.[0];
    expect(container?.image).toMatch(/^postgres:15(\.|-|$)/);
    const pgdata = container?.env?.find((e) => e.name === 'PGDATA')?.value ?? '/var/lib/postgresql/data';
    const claims = (spec.volumeClaimTemplates ?? []).map((c) => c.metadata?.name);
    const mount = (container?.volumeMounts ?? []).find((m) => m.mountPath && (pgdata + '/').startsWith(m.mountPath.replace(/\/?$/, '/')));
    expect(claims).toContain(mount?.name);
    expect((container?.readinessProbe?.exec?.command ?? []).join(' ')).toMatch(/pg_isready/);
  });

  it('every app pool at its largest scale (HPA max, rollout surge) fits in PostgreSQL max_connections', () => {
    const pool = Number(configData.DATABASE_POOL_SIZE ?? 10);
    const args = workloadSpec(one('StatefulSet', 'postgres')).template?.spec?.containers?.[0]?.args ?? [];
    const setting = args.map((a) => /^max_connections=(\d+)$/.exec(a)).find(Boolean);
    const maxConnections = setting ? Number(setting[1]) : 100;
    const reservedForSuperuser = 3;
    const pods = APP_NAMES.map((app) => {
      const spec = workloadSpec(one('Deployment', app));
      const hpa = hpaFor(app)[0]?.spec as HpaSpec | undefined;
      const replicas = hpa?.maxReplicas ?? spec.replicas ?? 1;
      return replicas + surge(spec, replicas);
    }).reduce((a, b) => a + b, 0);
    expect(pods * pool).toBeLessThanOrEqual(maxConnections - reservedForSuperuser);
  });
});

// ------------------------------------------------------------------ Dockerfile

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions of a Dockerfile: comments dropped, `\` continuations joined. */
function dockerInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let current = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    if (current === '' && line.trim() === '') continue;
    const continued = /\\\s*$/.test(line);
    current += (current ? ' ' : '') + line.replace(/\\\s*$/, '').trim();
    if (continued) continue;
    const match = /^(\w+)\s+([\s\S]*)$/.exec(current);
    if (match) instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
    current = '';
  }
  return instructions;
}

/** Key/value pairs of `ENV a=b c="d"` (and the legacy `ENV a b`). */
function envPairs(args: string): Record<string, string> {
  if (!args.includes('=')) {
    const [key, ...rest] = args.split(/\s+/);
    return { [key]: rest.join(' ') };
  }
  const pairs: Record<string, string> = {};
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S+)/g)) pairs[m[1]] = m[3] ?? m[2];
  return pairs;
}

describe('docker/Dockerfile', () => {
  const text = fs.existsSync(DOCKERFILE) ? fs.readFileSync(DOCKERFILE, 'utf8') : '';
  const instructions = dockerInstructions(text);
  const fromIndexes = instructions.flatMap((ins, i) => (ins.keyword === 'FROM' ? [i] : []));
  const stages = fromIndexes.map((start, n) => instructions.slice(start, fromIndexes[n + 1] ?? instructions.length));
  const firstStage = stages[0] ?? [];
  const finalStage = stages[stages.length - 1] ?? [];
  const globalArgs = Object.fromEntries(
    instructions
      .slice(0, fromIndexes[0] ?? 0)
      .filter((i) => i.keyword === 'ARG')
      .map((i) => {
        const [name, value = ''] = i.args.split('=');
        return [name.trim(), value.trim()];
      }),
  );
  const imageOf = (from: Instruction): string =>
    (from.args.replace(/^--platform=\S+\s+/, '').split(/\s+/)[0] ?? '').replace(/\$\{?(\w+)\}?/g, (_, n: string) => globalArgs[n] ?? '');

  it('exists and has at least two FROM stages', () => {
    expect(text).not.toBe('');
    expect(stages.length).toBeGreaterThanOrEqual(2);
  });

  it('every stage uses a pinned node:20 bookworm-slim image', () => {
    for (const stage of stages) expect(imageOf(stage[0])).toMatch(/^node:20(\.\d+){0,2}-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
  });

  it('declares ARG APP and stops the build when it is empty', () => {
    expect(firstStage.some((i) => i.keyword === 'ARG' && /^APP(=|$)/.test(i.args))).toBe(true);
    expect(firstStage.some((i) => i.keyword === 'RUN' && /(-z\s+"?\$\{?APP\}?"?|test\s+-n\s+"?\$\{?APP)/.test(i.args) && /exit\s+1/.test(i.args))).toBe(true);
  });

  it('builds with npm ci, npm run build and npm prune --omit=dev', () => {
    const runs = firstStage.filter((i) => i.keyword === 'RUN').map((i) => i.args).join('\n');
    expect(runs).toMatch(/npm ci/);
    expect(runs).toMatch(/npm run build/);
    expect(runs).toMatch(/npm prune --omit=dev/);
  });

  it('final stage copies only package.json, node_modules and dist from an earlier stage', () => {
    const copies = finalStage.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    const sources = copies.map((c) => {
      const words = c.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='));
      const paths = words.filter((w) => !w.startsWith('--'));
      return { from: !!from, sources: paths.slice(0, -1).map((p) => p.replace(/^\/app\//, '').replace(/^\.\//, '')) };
    });
    for (const s of sources) {
      expect(s.from).toBe(true);
      for (const src of s.sources) expect(['package.json', 'node_modules', 'dist']).toContain(src.replace(/\/$/, ''));
    }
    expect(sources.flatMap((s) => s.sources).sort()).toEqual(['dist', 'node_modules', 'package.json']);
  });

  it('final stage runs as a non-root USER, in production mode, carrying APP and PORT', () => {
    const users = finalStage.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(['root', '0', '']).not.toContain(user);

    const env = Object.assign({}, ...finalStage.filter((i) => i.keyword === 'ENV').map((i) => envPairs(i.args))) as Record<string, string>;
    expect(env.NODE_ENV).toBe('production');
    expect(env.PORT).toBe(String(appPort));
    expect(env.APP).toMatch(/^\$\{?APP\}?$/);
    expect(finalStage.some((i) => i.keyword === 'ARG' && /^APP(=|$)/.test(i.args))).toBe(true);
    const exposed = finalStage.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
    expect(exposed.map((p) => p.replace(/\/tcp$/, ''))).toContain(String(appPort));
  });

  it('starts node on the app entry point so that node itself receives SIGTERM', () => {
    const cmds = finalStage.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    expect(cmds.length).toBeGreaterThan(0);
    const last = cmds[cmds.length - 1];
    // Exec form (a JSON array): shell form would put /bin/sh, which ignores SIGTERM, in front of node.
    let parsedArgs: unknown;
    try {
      parsedArgs = JSON.parse(last.args);
    } catch {
      parsedArgs = undefined;
    }
    expect({ instruction: `${last.keyword} ${last.args}`, execForm: Array.isArray(parsedArgs) }).toEqual({
      instruction: `${last.keyword} ${last.args}`,
      execForm: true,
    });
    const argv = parsedArgs as string[];
    const commandLine = argv.join(' ');
    expect(commandLine).toMatch(/dist\/apps\/\$\{?APP\}?\/src\/main\.js/);
    if (/^(\/bin\/)?(ba)?sh$/.test(argv[0])) expect(argv[argv.length - 1]).toMatch(/^exec node /);
    else expect(argv[0]).toMatch(/node$/);
  });

  it('has a build-context ignore file that keeps host node_modules and dist out', () => {
    const ignoreFile = path.join(REPO_ROOT, 'docker', 'Dockerfile.dockerignore');
    const lines = fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8').split(/\r?\n/).map((l) => l.trim()) : [];
    expect(lines).toContain('**/node_modules');
    expect(lines).toContain('**/dist');
  });
});
