/**
 * The API reference's script. The page itself is prerendered HTML
 * (docs/render.tsx); this only fills in the server's origin, opens the
 * method a link points at, and runs the filters.
 */
import '@web/shared/base.css';
import './docs/docs.css';
import { setUpFilters } from './docs/filter';

for (const element of document.querySelectorAll<HTMLElement>('[data-origin]')) {
  element.textContent = element.dataset.origin === 'ws' ? location.origin.replace(/^http/, 'ws') : location.origin;
}
setUpFilters(document.getElementById('method-filters') as HTMLFormElement);
