import { applyTheme, watchTheme } from './theme.ts';

// Before anything renders: the stored colour theme (no inline script: the CSP forbids it).
applyTheme();
watchTheme();

// Async boundary: the federation runtime initialises the shared scope (react, react-dom,
// @qusto/sdk/ui) before any code that uses them runs.
import(/* webpackChunkName: "bootstrap" */ './bootstrap.tsx').catch((error: unknown) => {
  console.error('Qusto failed to start', error);
  const root = document.getElementById('root');
  if (root) root.textContent = 'Qusto failed to start. Reload the page; if that does not help, check the server logs.';
});
