import type { EventStore, FastifyInstance, FastifyReply, PluginContainer } from '@qusto/sdk';
import { FunnelRepository, type FunnelInput } from './funnel-repository.ts';
import { funnelReport } from './funnel-report.ts';
import { GoalValidationError } from './goal-input.ts';
import type { GoalRepository } from './goal-repository.ts';

const auth = (action: 'read' | 'create' | 'update' | 'delete') => ({ config: { auth: { action, subject: 'Funnel' } } }) as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(reply: FastifyReply, error: unknown) {
  if (error instanceof GoalValidationError) return reply.code(400).send({ error: error.message });
  throw error;
}

/** The last 30 days before today, in the site's time zone. */
function defaultRange(timezone: string): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-30), to: day(-1) };
}

/** Funnel CRUD and reports under `/api/sites/:domain/funnels`. */
export function funnelRoutes(container: PluginContainer) {
  const funnels = () => container.resolve<FunnelRepository>('funnelRepository');
  const goals = () => container.resolve<GoalRepository>('goalRepository');
  return async (app: FastifyInstance) => {
    app.get('/api/sites/:domain/funnels', auth('read'), async (request) => ({ funnels: await funnels().list(request.authorizedSite!.id) }));

    app.post<{ Body: FunnelInput }>('/api/sites/:domain/funnels', auth('create'), async (request, reply) => {
      try {
        return reply.code(201).send({ funnel: await funnels().create(request.authorizedSite!.id, request.body ?? {}) });
      } catch (error) {
        return invalid(reply, error);
      }
    });

    app.put<{ Params: { funnelId: string }; Body: FunnelInput }>('/api/sites/:domain/funnels/:funnelId', auth('update'), async (request, reply) => {
      try {
        const funnel = await funnels().update(request.authorizedSite!.id, request.params.funnelId, request.body ?? {});
        return funnel ? { funnel } : reply.code(404).send({ error: `Funnel ${request.params.funnelId} does not exist` });
      } catch (error) {
        return invalid(reply, error);
      }
    });

    app.delete<{ Params: { funnelId: string } }>('/api/sites/:domain/funnels/:funnelId', auth('delete'), async (request, reply) => {
      const deleted = await funnels().delete(request.authorizedSite!.id, request.params.funnelId);
      return deleted ? reply.code(204).send() : reply.code(404).send({ error: `Funnel ${request.params.funnelId} does not exist` });
    });

    app.get<{ Params: { funnelId: string }; Querystring: { from?: string; to?: string } }>(
      '/api/sites/:domain/funnels/:funnelId/report',
      auth('read'),
      async (request, reply) => {
        const site = request.authorizedSite!;
        const funnel = await funnels().get(site.id, request.params.funnelId);
        if (!funnel) return reply.code(404).send({ error: `Funnel ${request.params.funnelId} does not exist` });
        const fallback = defaultRange(site.timezone);
        const from = request.query.from ?? fallback.from;
        const to = request.query.to ?? fallback.to;
        if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
          return reply.code(400).send({ error: 'from and to are dates like 2026-01-31' });
        }
        if (from > to) return reply.code(400).send({ error: 'from must not be after to' });
        const goalsById = new Map((await goals().list(site.id)).map((goal) => [String(goal.id), goal]));
        const report = await funnelReport(container.resolve<EventStore>('eventStore'), site, funnel, goalsById, { from, to });
        return { ...report, date_range: [from, to] };
      },
    );
  };
}
