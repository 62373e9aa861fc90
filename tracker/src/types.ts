// Public types shared by the script build and the npm package.

/** Custom properties. The server keeps up to 30 string-convertible pairs. */
export type Props = Record<string, string | number | boolean | null | undefined>;

export interface Revenue {
  amount: number | string;
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
}

/**
 * Why an event was not sent:
 * - `localhost`: the page is on localhost / 127.x / [::1] / `file:` (turn on `local` / `captureOnLocalhost`);
 * - `automation`: `navigator.webdriver`, PhantomJS, Nightmare or Cypress, and neither
 *   `window.__qusto` nor `window.__plausible` is truthy (or `local` / `captureOnLocalhost`);
 * - `qusto_ignore`: `localStorage.qusto_ignore` (or `plausible_ignore`) is `"true"`;
 * - `transformRequest`: the npm package's `transformRequest` returned a falsy value;
 * - `ssr`: npm package called outside a browser.
 */
export type IgnoreReason = 'localhost' | 'automation' | 'qusto_ignore' | 'transformRequest' | 'ssr';

/** What `callback` receives: the HTTP status, the network error, or why the event was ignored. */
export interface CallbackResult {
  status?: number;
  error?: unknown;
  ignored?: IgnoreReason;
}

export interface EventOptions {
  props?: Props;
  revenue?: Revenue;
  /** `false`: the event does not count as an interaction (does not un-bounce the session). */
  interactive?: boolean;
  callback?: (result: CallbackResult) => void;
  /** Custom page URL (manual variant and npm package); resolved against `location.href`. */
  url?: string;
  /** Plausible's name for `url`. */
  u?: string;
}

/** The `/api/event` body (short keys, see the Events API). */
export interface Payload {
  n: string;
  u: string;
  d: string;
  r?: string | null;
  p?: Props;
  $?: Revenue;
  i?: false;
  h?: 1;
  sd?: number;
  e?: number;
}

export type Track = (name: string, options?: EventOptions) => void;
