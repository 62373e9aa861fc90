import type { FastifyInstance, PluginContainer } from '@qusto/sdk';
import type { CurrencyRates } from './currency-rates.ts';
import { GoalValidationError } from './goal-input.ts';

/**
 * The exchange rates revenue goals convert with: any signed-in dashboard user may read them,
 * only the instance admin may change them (`update CurrencyRate`, see goal-abilities.ts).
 */
export function currencyRateRoutes(container: PluginContainer) {
  const rates = () => container.resolve<CurrencyRates>('currencyRates');
  return async (app: FastifyInstance) => {
    app.get('/api/plugins/goals/currency-rates', { config: { auth: 'user' } }, async () => ({ base: 'EUR', rates: await rates().list() }));

    app.put<{ Body: { rates?: unknown } }>(
      '/api/plugins/goals/currency-rates',
      { config: { auth: { action: 'update', subject: 'CurrencyRate' } } },
      async (request, reply) => {
        try {
          return { base: 'EUR', rates: await rates().update(request.body?.rates) };
        } catch (error) {
          if (error instanceof GoalValidationError) return reply.code(400).send({ error: error.message });
          throw error;
        }
      },
    );
  };
}
