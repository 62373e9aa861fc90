/**
 * The page's first script, built on its own (shell/rspack.config.ts: PreloadScriptPlugin) and run
 * before the app's bundle: starts a dashboard's first requests early (first-requests.ts).
 */
import { preload } from './first-requests.ts';

try {
  preload();
} catch (error) {
  // Only a head start: the app makes every request itself anyway.
  console.warn('Qusto: could not start the first requests early', error);
}
