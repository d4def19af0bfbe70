/**
 * `/demo/?organization_id=…[&group_id=N]`: a little shop page that embeds the
 * chat widget exactly as any other site would — the snippet's <script> tag,
 * nothing else of Switchboard's.
 */
import { render } from 'preact';
import { useState } from 'preact/hooks';
import '@web/shared/base.css';
import './demo.css';

const PRODUCTS = [
  { name: 'Copper kettle', price: '€89', text: 'Boils a litre in three minutes and whistles when it is done.' },
  { name: 'Glass teapot', price: '€34', text: 'Heat-proof borosilicate with a steel infuser for loose leaves.' },
  { name: 'Travel flask', price: '€25', text: 'Keeps tea hot for twelve hours, and cold brew cold for a day.' },
];

const query = new URLSearchParams(location.search);
const organizationId = query.get('organization_id');
const groupId = query.get('group_id');

/** The snippet, as the home page and the Agent App show it to copy. */
function snippet(organization: string): string {
  const group = groupId ? ` data-group-id="${groupId}"` : '';
  return `<script src="${location.origin}/widget/embed.js" data-organization-id="${organization}"${group} async></script>`;
}

/** Adds the snippet's <script> to the page, as if it had been pasted into its HTML. */
function embedWidget(organization: string): void {
  const script = document.createElement('script');
  script.src = `${location.origin}/widget/embed.js`;
  script.async = true;
  script.dataset.organizationId = organization;
  if (groupId) script.dataset.groupId = groupId;
  document.body.append(script);
}

function DemoPage() {
  const [basket, setBasket] = useState(0);
  return (
    <>
      <header class="shop-header">
        <p class="logo">Kettle &amp; Co.</p>
        <nav aria-label="Shop">
          <a href="#products">Products</a>
          <a href="#delivery">Delivery</a>
          <span role="status">Basket: {basket}</span>
        </nav>
      </header>
      <main class="shop">
        <section class="hero">
          <h1>Good tea starts with hot water</h1>
          <p>Kettles, teapots and flasks, shipped within two days. Questions? Our team answers in the chat, bottom right.</p>
        </section>
        {organizationId ? (
          <aside class="demo-note" aria-label="About this demo">
            <p>
              This is Switchboard's demo page. It embeds the chat widget with the snippet any site would use; chat with an agent signed in to the{' '}
              <a href="/agent/">Agent App</a>.
            </p>
            <pre>
              <code>{snippet(organizationId)}</code>
            </pre>
          </aside>
        ) : (
          <aside class="demo-note warning" aria-label="How to open this demo">
            <p>
              <strong>No organization given.</strong> This page shows the chat widget of the organization in its address (
              <code>/demo/?organization_id=…</code>). Open it from the home page (<a href="/">/</a>) after setting up, or from the widget card of the{' '}
              <a href="/agent/">Agent App</a>.
            </p>
          </aside>
        )}
        <section id="products" aria-labelledby="products-heading">
          <h2 id="products-heading">Bestsellers</h2>
          <ul class="products">
            {PRODUCTS.map((p) => (
              <li key={p.name} class="product">
                <h3>{p.name}</h3>
                <p>{p.text}</p>
                <p class="price">{p.price}</p>
                <button type="button" aria-label={`Add ${p.name} to the basket`} onClick={() => setBasket((n) => n + 1)}>
                  Add to basket
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section id="delivery" aria-labelledby="delivery-heading">
          <h2 id="delivery-heading">Delivery and returns</h2>
          <p>Free delivery from €50 across the EU. Changed your mind? Send it back within 30 days.</p>
        </section>
      </main>
      <footer class="shop-footer">
        <p>Kettle &amp; Co. is a made-up shop: a page for trying Switchboard's chat widget.</p>
      </footer>
    </>
  );
}

render(<DemoPage />, document.getElementById('app')!);
if (organizationId) embedWidget(organizationId);
