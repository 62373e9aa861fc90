// Async boundary: the federation runtime initialises the shared scope (react, react-dom,
// @qusto/sdk/ui) before any code that uses them runs.
import('./bootstrap.tsx').catch((error: unknown) => {
  console.error('Qusto failed to start', error);
  const root = document.getElementById('root');
  if (root) root.textContent = 'Qusto failed to start. Reload the page; if that does not help, check the server logs.';
});
