import { render } from 'preact';
import '@web/shared/base.css';
import './app.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
