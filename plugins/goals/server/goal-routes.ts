import type { EventStore, FastifyInstance, FastifyReply, PluginContainer, SiteRef } from '@qusto/sdk';
import { GoalValidationError, parseGoalInput, SYSTEM_GOALS, type GoalInput } from './goal-input.ts';
import type { GoalCatalog } from './goal-catalog.ts';
import type { Goal, GoalRepository } from './goal-repository.ts';

const READ = { config: { auth: { action: 'read', subject: 'Goal' } } } as const;
const MANAGE = (action: 'create' | 'delete') => ({ config: { auth: { action, subject: 'Goal' } } }) as const;

function invalid(reply: FastifyReply, error: unknown) {
  if (error instanceof GoalValidationError) return reply.code(400).send({ error: error.message });
  throw error;
}

/** Plausible's Sites API shape of a goal. */
const toPlausible = (site: SiteRef, goal: Goal) => ({
  id: Number(goal.id),
  domain: site.domain,
  display_name: goal.display_name,
  goal_type: goal.event_name ? 'event' : 'page',
  event_name: goal.event_name,
  page_path: goal.page_path,
});

/**
 * Goals over HTTP: the dashboard's routes under `/api/sites/:domain/goals` and Plausible's
 * Sites API (`/api/v1/sites/goals`, create is find-or-create). Core's auth resolves and
 * checks the site from `config.auth` before each handler.
 */
export function goalRoutes(container: PluginContainer) {
  const goals = () => container.resolve<GoalRepository>('goalRepository');
  // Stats compile goals from the in-memory catalog: reload it after every change.
  const changed = () => container.resolve<GoalCatalog>('goalCatalog').refresh();
  return async (app: FastifyInstance) => {
    // Before the answer goes out, so a stats query right after sees the change.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && reply.statusCode < 300) await changed();
      return payload;
    });
    app.get('/api/sites/:domain/goals', READ, async (request) => ({ goals: await goals().list(request.authorizedSite!.id) }));

    app.post<{ Body: GoalInput }>('/api/sites/:domain/goals', MANAGE('create'), async (request, reply) => {
      try {
        const { goal, created } = await goals().findOrCreate(request.authorizedSite!.id, parseGoalInput(request.body ?? {}));
        return reply.code(created ? 201 : 200).send({ goal });
      } catch (error) {
        return invalid(reply, error);
      }
    });

    app.delete<{ Params: { goalId: string } }>('/api/sites/:domain/goals/:goalId', MANAGE('delete'), async (request, reply) => {
      const deleted = await goals().delete(request.authorizedSite!.id, request.params.goalId);
      return deleted ? reply.code(204).send() : reply.code(404).send({ error: `Goal ${request.params.goalId} does not exist` });
    });

    /** Event names and pages seen in the last 30 days that are not goals yet, most frequent first. */
    app.get('/api/sites/:domain/goals/suggestions', READ, async (request) => {
      const site = request.authorizedSite!;
      const existing = await goals().list(site.id);
      const eventStore = container.resolve<EventStore>('eventStore');
      const rows = await eventStore.query<{ kind: string; value: string }>(
        `SELECT if(name = 'pageview', 'page', 'event') AS kind, if(name = 'pageview', pathname, name) AS value
           FROM events
          WHERE site_id = {site:UInt64} AND timestamp >= now() - INTERVAL 30 DAY AND name != 'engagement'
          GROUP BY kind, value ORDER BY count() DESC LIMIT 50`,
        { site: site.id },
      );
      const taken = new Set(existing.map((g) => `${g.event_name ? 'event' : 'page'}:${g.event_name ?? g.page_path}`));
      return {
        system: SYSTEM_GOALS.filter((name) => !taken.has(`event:${name}`)),
        events: rows.filter((r) => r.kind === 'event' && !taken.has(`event:${r.value}`)).map((r) => r.value).slice(0, 20),
        pages: rows.filter((r) => r.kind === 'page' && !taken.has(`page:${r.value}`)).map((r) => r.value).slice(0, 20),
      };
    });

    // Plausible's Sites API for goals.
    app.get('/api/v1/sites/goals', READ, async (request) => {
      const site = request.authorizedSite!;
      const list = await goals().list(site.id);
      return { goals: list.map((g) => toPlausible(site, g)), meta: { after: null, before: null, limit: list.length } };
    });

    app.put<{ Body: { goal_type?: string; event_name?: string; page_path?: string; display_name?: string } }>(
      '/api/v1/sites/goals',
      MANAGE('create'),
      async (request, reply) => {
        const body = request.body ?? {};
        if (body.goal_type !== 'event' && body.goal_type !== 'page') {
          return reply.code(400).send({ error: 'goal_type must be "event" or "page"' });
        }
        try {
          const input = body.goal_type === 'event' ? { event_name: body.event_name } : { page_path: body.page_path };
          const { goal } = await goals().findOrCreate(request.authorizedSite!.id, parseGoalInput({ ...input, display_name: body.display_name }));
          return toPlausible(request.authorizedSite!, goal);
        } catch (error) {
          return invalid(reply, error);
        }
      },
    );

    app.delete<{ Params: { goalId: string } }>('/api/v1/sites/goals/:goalId', MANAGE('delete'), async (request, reply) => {
      const deleted = await goals().delete(request.authorizedSite!.id, request.params.goalId);
      return deleted ? { deleted: true } : reply.code(404).send({ error: 'Goal could not be found' });
    });
  };
}
