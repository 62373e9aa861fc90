/** A query the stats API cannot answer: a 400 with Plausible's `{"error": "..."}` body. */
export class QueryError extends Error {
  readonly statusCode = 400;

  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** An unknown site (or one the caller may not read), with Plausible's message. */
export class SiteAccessError extends Error {
  // 400 rather than Plausible's 401: the admin token reads every site, so the site is simply unknown.
  readonly statusCode = 400;

  constructor() {
    super('Invalid API key or site ID. Please make sure you\'re using a valid API key with access to the site you\'ve requested.');
    this.name = 'SiteAccessError';
  }
}
