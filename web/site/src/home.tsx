import { render } from 'preact';
import '@web/shared/base.css';

render(<p>Coming soon</p>, document.getElementById('app')!);
