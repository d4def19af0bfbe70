/** Narrows the method list by text, API and transport, and opens the method the URL's fragment names. */

interface Filter {
  terms: string[];
  api: string;
  transport: string;
}

function matches(method: HTMLElement, { terms, api, transport }: Filter): boolean {
  const search = method.dataset.search ?? '';
  return (
    (api === 'all' || method.dataset.api === api) &&
    (transport === 'all' || method.dataset[transport] === 'true') &&
    terms.every((term) => search.includes(term) || method.id.includes(term))
  );
}

export function setUpFilters(form: HTMLFormElement): void {
  const methods = [...document.querySelectorAll<HTMLElement>('article.method')];
  const groups = [...document.querySelectorAll<HTMLElement>('[data-method-group]')];
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  const count = form.querySelector('#method-count')!;

  const apply = () => {
    const filter = { terms: field('text').value.toLowerCase().split(/\s+/).filter(Boolean), api: field('api').value, transport: field('transport').value };
    let shown = 0;
    for (const method of methods) {
      method.hidden = !matches(method, filter);
      if (!method.hidden) shown++;
    }
    for (const group of groups) group.hidden = !group.querySelector('article.method:not([hidden])');
    count.textContent = shown === methods.length ? `Showing all ${shown} methods.` : shown === 0 ? 'No method matches.' : `Showing ${shown} of ${methods.length} methods.`;
  };

  // A link to a method opens it, even when the filters hide it.
  const openLinked = () => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target?.matches('article.method')) return;
    if (target.hidden) {
      form.reset();
      apply();
    }
    target.querySelector('details')!.open = true;
    target.scrollIntoView();
  };

  form.addEventListener('input', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  window.addEventListener('hashchange', openLinked);
  form.hidden = false;
  openLinked();
}
