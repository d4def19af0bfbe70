/**
 * The Web API as the browser apps call it: `POST /v3.4/<api>/action/<action>`
 * with a Bearer token, answers parsed, errors thrown as `ApiCallError` with
 * the spec's error `type` (README §6).
 */
export type ApiName = 'agent' | 'customer' | 'configuration';

export class ApiCallError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface CallOptions {
  token?: string;
  /** Customer Chat API calls carry the organization in the query string. */
  organizationId?: string;
  /** Where Switchboard is: the page's own origin unless said. */
  base?: string;
}

/** Calls one Web API action and returns its answer. */
export async function callAction<T = unknown>(api: ApiName, action: string, payload: unknown, options: CallOptions = {}): Promise<T> {
  const query = options.organizationId ? `?organization_id=${encodeURIComponent(options.organizationId)}` : '';
  return request<T>(`${options.base ?? ''}/v3.4/${api}/action/${action}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify(payload ?? {}),
  });
}

/** Uploads a file (`upload_file`, multipart) and returns its URL. */
export async function uploadFile(api: 'agent' | 'customer', file: Blob, name: string, options: CallOptions = {}): Promise<{ url: string }> {
  const form = new FormData();
  form.append('file', file, name);
  const query = options.organizationId ? `?organization_id=${encodeURIComponent(options.organizationId)}` : '';
  return request(`${options.base ?? ''}/v3.4/${api}/action/upload_file${query}`, {
    method: 'POST',
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
    body: form,
  });
}

/** A JSON request to any Switchboard endpoint (the account and setup endpoints too). */
export async function request<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', ...init });
  } catch (error) {
    throw new ApiCallError('network', `Switchboard cannot be reached (${(error as Error).message})`, 0);
  }
  const text = await response.text();
  const body = text ? safeJson(text) : {};
  if (!response.ok) {
    const error = (body as { error?: { type?: string; message?: string } }).error;
    throw new ApiCallError(error?.type ?? 'internal', error?.message ?? `HTTP ${response.status}`, response.status);
  }
  return body as T;
}

/** A JSON POST to a Switchboard endpoint outside the three APIs (`/setup`, `/auth/...`, `/customer/token`). */
export function postJson<T>(path: string, body: unknown, options: { token?: string; base?: string } = {}): Promise<T> {
  return request<T>(`${options.base ?? ''}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify(body),
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { type: 'internal', message: text.slice(0, 200) } };
  }
}
