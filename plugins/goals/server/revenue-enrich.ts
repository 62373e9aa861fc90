import type { QustoEvent } from '@qusto/sdk';
import type { CurrencyRates } from './currency-rates.ts';
import type { Goal } from './goal-repository.ts';

/**
 * The `ingest:enrich` step of revenue goals (as Plausible's ingestion): an event that carries
 * revenue and has the name of one of its site's revenue goals gets a reporting amount in the
 * goal's currency. Without a rate for either currency the source amount stays and the event
 * has no reporting amount: revenue is never a reason to drop an event.
 */
export function enrichRevenue(
  event: QustoEvent,
  goalsOf: (siteId: string) => readonly Goal[],
  rates: Pick<CurrencyRates, 'convert'>,
): QustoEvent | undefined {
  if (event.revenueSourceAmount === null || !event.revenueSourceCurrency) return undefined;
  const goal = goalsOf(event.siteId).find((g) => g.currency && g.event_name === event.name);
  if (!goal?.currency) return undefined;
  const currency = goal.currency.trim();
  const amount = rates.convert(event.revenueSourceAmount, event.revenueSourceCurrency, currency);
  if (amount === null) return undefined;
  return { ...event, revenueReportingAmount: amount, revenueReportingCurrency: currency };
}
