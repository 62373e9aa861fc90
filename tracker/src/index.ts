// npm package entry: `import { init, track } from '@qusto/tracker'`.
// Same core, payloads and behaviour as the script; features are switched by init()
// options instead of build variants. Importing it has no side effects, so it is safe in
// server-side rendering: nothing happens until init() runs in a browser.
import { core } from './core.ts';
import { pageviews } from './pageviews.ts';
import { DEFAULT_FILE_TYPES, links } from './features/links.ts';
import { taggedEvents } from './features/tagged.ts';
import { formSubmissions } from './features/forms.ts';
import type { EventOptions, Payload, Props, Track } from './types.ts';

export type { CallbackResult, EventOptions, IgnoreReason, Payload, Props, Revenue, Track } from './types.ts';
export { DEFAULT_FILE_TYPES };

export interface InitOptions {
  /** Site domain as registered in Qusto; comma-separated for roll-ups. Default: `location.hostname`. */
  domain?: string;
  /** Events API URL. Default: `/api/event` on the page's own origin. */
  endpoint?: string;
  /** Send a pageview on load and on each SPA navigation. Default true; false = call `track('pageview')` yourself. */
  autoCapturePageviews?: boolean;
  /** Hash-based routing: `#/path` changes are pages (`h: 1`). */
  hashBasedRouting?: boolean;
  /** Track clicks on links to other hosts as `Outbound Link: Click`. */
  outboundLinks?: boolean;
  /** Track clicks on file links as `File Download`; `{fileExtensions}` replaces the default list. */
  fileDownloads?: boolean | { fileExtensions: string[] };
  /** Track form submits as `Form: Submission`. */
  formSubmissions?: boolean;
  /** Tagged events from `qusto-event-*` / `plausible-event-*` classes. Default true. */
  taggedEvents?: boolean;
  /** Also send from localhost, `file:` and automated browsers. */
  captureOnLocalhost?: boolean;
  /** Properties added to every event (explicit `props` win); a function gets the event name. */
  customProperties?: Props | ((eventName: string) => Props | undefined);
  /** Inspect or rewrite each payload before it is sent; return null/false to drop it. */
  transformRequest?: (payload: Payload) => Payload | null | undefined | false;
  /** Set `window.qusto` (and replay calls queued on it). Default true. */
  bindToWindow?: boolean;
}

let tracker: Track | undefined;
let pending: [string, EventOptions | undefined][] = [];

/** Starts tracking. Call once, in the browser; on the server it does nothing. */
export function init(options: InitOptions = {}): void {
  if (typeof window == 'undefined') return;
  if (tracker) throw new Error('@qusto/tracker: init() was already called');
  const o = options;
  const cp = o.customProperties;
  const t = core(o.domain || location.hostname, o.endpoint || new URL('/api/event', location.href).href, {
    hash: o.hashBasedRouting,
    local: o.captureOnLocalhost,
    props: cp && (typeof cp == 'function' ? cp : () => cp),
    transform: o.transformRequest,
  });
  tracker = t;
  if (o.autoCapturePageviews !== false) pageviews(t, o.hashBasedRouting);
  const fd = o.fileDownloads;
  const tagged = o.taggedEvents !== false;
  if (o.outboundLinks || fd) {
    links(t, o.outboundLinks, fd ? (typeof fd == 'object' && fd.fileExtensions) || DEFAULT_FILE_TYPES : undefined, tagged);
  }
  if (tagged) taggedEvents(t, true);
  if (o.formSubmissions) formSubmissions(t, tagged);
  if (o.bindToWindow !== false) {
    const w = window as unknown as { qusto?: { q?: ArrayLike<unknown>[] } | Track };
    const queued = (w.qusto && 'q' in w.qusto && w.qusto.q) || [];
    w.qusto = t;
    for (const a of Array.from(queued)) t(...(a as unknown as [string, EventOptions?]));
  }
  for (const [n, opts] of pending) t(n, opts);
  pending = [];
}

/**
 * Sends an event (`'pageview'` for a manual pageview). Before init() in a browser the
 * call is queued and sent by init(); on the server it only calls back with
 * `{ignored: 'ssr'}`.
 */
export function track(name: string, options?: EventOptions): void {
  if (tracker) tracker(name, options);
  else if (typeof window == 'undefined') options?.callback?.({ ignored: 'ssr' });
  else pending.push([name, options]);
}
