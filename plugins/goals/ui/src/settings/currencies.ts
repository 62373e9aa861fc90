/** Currencies offered for revenue goals: those the server ships exchange rates for. */
export const REVENUE_CURRENCIES = [
  'EUR', 'USD', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'CNY', 'HKD', 'SGD', 'KRW', 'INR', 'IDR', 'MYR', 'PHP',
  'THB', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'ISK', 'TRY', 'ILS', 'BRL', 'MXN', 'ZAR',
] as const;

const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'currency' }) : null;

/** `EUR — Euro` */
export const currencyLabel = (code: string) => {
  const name = names?.of(code);
  return name && name !== code ? `${code} — ${name}` : code;
};
