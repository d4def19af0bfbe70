/**
 * The chat's customer (`get_customer`): who they are, their session fields,
 * their visit and the pages they opened — kept live by `customer_updated`
 * and `customer_page_updated`.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import { shortTime } from '../chats/time';
import type { Customer, Page } from '../chats/types';

export function CustomerPanel({ customerId, open }: { customerId: string; open: boolean }) {
  const { client, generation } = useAgent();
  const [customer, setCustomer] = useState<Customer>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let current = true;
    client.request<Customer>('get_customer', { id: customerId }).then(
      (found) => current && setCustomer(found),
      (error) => current && setProblem(errorText(error)),
    );
    const unsubscribe = client.subscribe((frame) => {
      const payload = frame.payload as Record<string, never>;
      if (frame.action === 'customer_updated' && payload.id === customerId) setCustomer((known) => known && { ...known, ...(frame.payload as Partial<Customer>) });
      if (frame.action === 'customer_page_updated' && payload.customer_id === customerId)
        setCustomer((known) => known && withPage(known, { url: payload.url, title: payload.title, opened_at: payload.opened_at }));
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [client, customerId, generation]);

  const visit = customer?.last_visit;
  const place = [visit?.geolocation?.city, visit?.geolocation?.region, visit?.geolocation?.country].filter(Boolean).join(', ');
  const pages = [...(visit?.last_pages ?? [])].reverse();
  return (
    <aside id="customer-details" class={`customer-panel ${open ? 'open' : ''}`} aria-labelledby="customer-title">
      <h2 id="customer-title">Customer</h2>
      {problem && <p class="error">{problem}</p>}
      {!customer && !problem && <p class="muted">Loading…</p>}
      {customer && (
        <>
          <dl class="facts">
            <Fact term="Name" value={customer.name} />
            <Fact term="E-mail" value={customer.email} />
            <Fact term="Status" value={customer.online ? `Online${customer.state ? ` (${customer.state})` : ''}` : 'Offline'} />
            <Fact term="Visit started" value={visit?.started_at && shortTime(visit.started_at)} />
            <Fact term="Came from" value={visit?.referrer} />
            <Fact term="Location" value={place} />
            <Fact term="Visits" value={customer.statistics?.visits_count?.toString()} />
            <Fact term="Chats" value={customer.statistics?.chats_count?.toString()} />
          </dl>
          {customer.session_fields?.length ? (
            <>
              <h3>Session fields</h3>
              <dl class="facts">
                {customer.session_fields.flatMap((field) => Object.entries(field)).map(([key, value]) => (
                  <Fact key={key} term={key} value={value} />
                ))}
              </dl>
            </>
          ) : null}
          <h3>Pages</h3>
          {pages.length ? (
            <ol class="pages">
              {pages.map((page) => (
                <li key={`${page.opened_at}${page.url}`}>
                  <a href={page.url} target="_blank" rel="noopener noreferrer">
                    {page.title || page.url}
                  </a>{' '}
                  <span class="muted">{shortTime(page.opened_at)}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">No pages seen.</p>
          )}
        </>
      )}
    </aside>
  );
}

function Fact({ term, value }: { term: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function withPage(customer: Customer, page: Page): Customer {
  const visit = customer.last_visit ?? {};
  return { ...customer, last_visit: { ...visit, last_pages: [...(visit.last_pages ?? []), page] } };
}
