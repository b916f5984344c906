import { render } from 'preact';
import { App } from './app';
import { lang } from './i18n';
import { applyTheme } from './theme';
import { startSync } from './sync';
import './app.css';

document.documentElement.lang = lang.value;
applyTheme();
render(<App />, document.getElementById('app')!);
startSync();

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
