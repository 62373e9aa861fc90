/**
 * What preload.ts (the first script of every page, its own small entry run before the app's
 * bundle) does: for a dashboard it starts the requests the first render will make (the site,
 * the stats of the view in the URL, the plugin list) and the downloads of the lazy chunks it
 * will need (the world map and its shapes, the shared-link page), so they run while the app's
 * JavaScript downloads and starts instead of after it. The app takes the requests over
 * (early-requests.ts); whatever it does not need is cancelled. Another page, or anything
 * unexpected here, changes nothing: the app asks as usual.
 */
import type { ApiRequest } from './dashboard/api/request-key.ts';
import { ABILITIES_PATH, firstDashboardRequests, LOCATIONS_TAB, siteInfoPath, storedChoice } from './dashboard/requests.ts';
import { WORLD_SHAPES_URL } from './dashboard/panels/world-shapes.ts';
import { parseState, type DashboardState } from './dashboard/state.ts';
import { startEarlyRequests, type EarlyRequest } from './early-requests.ts';
import { shareParams } from './pages/site/share-params.ts';
import { matchRoute } from './routes.ts';

/** Lazy chunks' files by chunk name, written into index.html by the build (see rspack.config.ts). */
export const CHUNKS_ELEMENT_ID = 'qusto-chunks';

function early(request: ApiRequest, share: string | null = null): EarlyRequest {
  return request.kind === 'get' ? { method: 'GET', path: request.path, share } : { method: 'POST', path: '/api/v2/query', body: request.body, share };
}

const get = (path: string): EarlyRequest => ({ method: 'GET', path });

function preloadLink(href: string, as: 'script' | 'fetch'): void {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = as;
  link.href = href;
  // What fetch() asks for (CORS mode, same-origin credentials), so it takes this download.
  if (as === 'fetch') link.crossOrigin = 'anonymous';
  document.head.append(link);
}

/** The world map's chunk and its countries' shapes, when the Locations panel shows the map. */
function preloadMap(domain: string, state: DashboardState): string[] {
  if (state.period === 'realtime' || storedChoice(domain, LOCATIONS_TAB) !== 'map') return [];
  if (WORLD_SHAPES_URL) preloadLink(WORLD_SHAPES_URL, 'fetch');
  return ['world-map'];
}

function preloadChunks(names: string[]): void {
  const element = document.getElementById(CHUNKS_ELEMENT_ID);
  if (!element?.textContent) return;
  const chunks = JSON.parse(element.textContent) as Record<string, string[] | undefined>;
  for (const file of names.flatMap((name) => chunks[name] ?? [])) preloadLink(file, 'script');
}

export function preload(): void {
  const route = matchRoute(window.location.pathname);
  const search = window.location.search;
  if (route.page === 'site') {
    const { domain } = route;
    const state = parseState(search);
    preloadChunks(preloadMap(domain, state));
    // The quick ones first: the browser sends only a few requests to one host at a time.
    startEarlyRequests([
      get(siteInfoPath(domain)),
      get('/api/plugins'),
      get('/api/auth/status'),
      ...firstDashboardRequests(domain, state, Date.now()).map((request) => early(request)),
      get(ABILITIES_PATH),
    ]);
  } else if (route.page === 'share') {
    const { domain } = route;
    const { slug, embed } = shareParams(search);
    const state = parseState(search);
    preloadChunks(['page-shared', ...preloadMap(domain, state)]);
    if (!slug) return;
    const [info] = startEarlyRequests([get(`/api/share/${encodeURIComponent(domain)}?auth=${encodeURIComponent(slug)}`), get('/api/plugins'), ...(embed ? [] : [get('/api/auth/status')])]);
    // The stats only once the link turned out to be open: a password-protected one refuses them
    // until it is unlocked (and the app asks again then).
    void info
      ?.then((response) => (response.ok ? (response.clone().json() as Promise<{ passwordRequired?: unknown; unlocked?: unknown }>) : null))
      .then((body) => {
        if (body && (body.passwordRequired !== true || body.unlocked === true)) startEarlyRequests(firstDashboardRequests(domain, state, Date.now()).map((request) => early(request, slug)));
      })
      .catch(() => {});
  }
}
