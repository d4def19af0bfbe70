/**
 * What the widget is told by the embed script through its address:
 * `/widget/?organization_id=…&group_id=…&page_url=…&page_title=…`.
 */
export interface WidgetConfig {
  organizationId: string;
  /** The group the widget is for (`data-group-id`); 0 = every agent. */
  groupId: number;
  /** The page the customer is on (the embedding page), for `customer_page` and the domain check. */
  page?: { url: string; title?: string };
  /** The embedding page's origin: the only one whose messages the widget reads and to which it writes. */
  pageOrigin?: string;
  /** Opened in an iframe by the embed script (else on its own, always open). */
  embedded: boolean;
}

/** The page URL as the API takes it (ADR 0008's 2048 characters). */
const MAX_URL = 2048;

export function readConfig(search: string = location.search): WidgetConfig | undefined {
  const query = new URLSearchParams(search);
  const organizationId = query.get('organization_id');
  if (!organizationId) return undefined;
  const group = Number(query.get('group_id') ?? 0);
  const pageUrl = query.get('page_url');
  let pageOrigin: string | undefined;
  try {
    pageOrigin = pageUrl ? new URL(pageUrl).origin : undefined;
  } catch {
    pageOrigin = undefined;
  }
  return {
    organizationId,
    groupId: Number.isInteger(group) && group >= 0 ? group : 0,
    page: pageUrl && pageOrigin ? { url: pageUrl.slice(0, MAX_URL), title: query.get('page_title')?.slice(0, 255) || undefined } : undefined,
    pageOrigin,
    embedded: window.parent !== window,
  };
}
