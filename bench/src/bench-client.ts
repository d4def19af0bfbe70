import { Urls } from './deployment';

/** A JSON POST that throws on a non-2xx answer. */
export async function post(url: string, body: unknown, bearer?: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(bearer && { Authorization: `Bearer ${bearer}` }) },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${url}: ${JSON.stringify(json)}`);
  return json;
}

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);

export function latencySummary(latencies: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Failed requests by error type (`no_response` when none came). */
export class Failures {
  errors = 0;
  readonly errorTypes: Record<string, number> = {};

  add(type: string | undefined): void {
    if (type === undefined) return;
    this.errors++;
    this.errorTypes[type] = (this.errorTypes[type] ?? 0) + 1;
  }
}

/** A new organization; resolves with its id and its owner's access token. */
export async function createOrganization(urls: Urls, adminToken: string, name: string): Promise<{ organizationId: string; owner: string }> {
  const org = await post(`${urls.configuration}/admin/organizations`, { name, owner_id: `owner@${name.toLowerCase()}.example` }, adminToken);
  return { organizationId: org.organization_id, owner: org.owner.access_token };
}

/** Creates an agent and resolves with an access token for it. */
export async function createAgent(urls: Urls, owner: string, id: string, maxChats: number): Promise<string> {
  await post(`${urls.configuration}/v3.4/configuration/action/create_agent`, { id, name: id.split('@')[0], max_chats_count: maxChats }, owner);
  return (await post(`${urls.configuration}/auth/agent_token`, { agent_id: id }, owner)).access_token;
}

/** A customer access token for the organization (what a chat widget gets). */
export async function customerToken(urls: Urls, organizationId: string): Promise<string> {
  return (await post(`${urls.customer}/customer/token`, { organization_id: organizationId })).access_token;
}
