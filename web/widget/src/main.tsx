import { render } from 'preact';
import '@web/shared/base.css';
import './widget.css';
import { App } from './components/App';
import { readConfig } from './config';
import { connectToPage } from './page-bridge';
import { WidgetController } from './widget-controller';

const root = document.getElementById('app')!;
const config = readConfig();
if (!config) {
  render(
    <p class="notice">
      This is Switchboard's chat widget. Web pages embed it with the snippet shown on the home page (<a href="/">/</a>); opened on its own it needs{' '}
      <code>?organization_id=…</code>.
    </p>,
    root,
  );
} else {
  // Before the first render: the embed script tells the panel's state as soon as the frame has loaded.
  const page = connectToPage(config);
  render(<App controller={new WidgetController(config, page)} config={config} />, root);
}
