import type { EventStore, FastifyInstance, FastifyReply, PluginContainer, SiteRef } from '@qusto/sdk';
import { GoalValidationError, parseGoalInput, SYSTEM_GOALS, type GoalInput } from './goal-input.ts';
import type { GoalCatalog } from './goal-catalog.ts';
import type { Goal, GoalRepository } from './goal-repository.ts';

const READ = { config: { auth: { action: 'read', subject: 'Goal' } } } as const;
const MANAGE = (action: 'create' | 'update' | 'delete') => ({ config: { auth: { action, subject: 'Goal' } } }) as const;

function invalid(reply: FastifyReply, error: unknown) {
  if (error instanceof GoalValidationError) return reply.code(400).send({ error: error.message });
  throw error;
}

const isDate = (value: string | undefined): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

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

    app.put<{ Params: { goalId: string }; Body: { display_name?: unknown } }>('/api/sites/:domain/goals/:goalId', MANAGE('update'), async (request, reply) => {
      try {
        const goal = await goals().rename(request.authorizedSite!.id, request.params.goalId, request.body?.display_name);
        return goal ? { goal } : reply.code(404).send({ error: `Goal ${request.params.goalId} does not exist` });
      } catch (error) {
        return invalid(reply, error);
      }
    });

    app.delete<{ Params: { goalId: string } }>('/api/sites/:domain/goals/:goalId', MANAGE('delete'), async (request, reply) => {
      const deleted = await goals().delete(request.authorizedSite!.id, request.params.goalId);
      return deleted ? reply.code(204).send() : reply.code(404).send({ error: `Goal ${request.params.goalId} does not exist` });
    });

    /**
     * Event names and pages seen in the last 30 days (or `from`–`to`) that are not goals yet, most
     * frequent first, and the property keys each custom event was sent with.
     */
    app.get<{ Querystring: { from?: string; to?: string } }>('/api/sites/:domain/goals/suggestions', READ, async (request, reply) => {
      const site = request.authorizedSite!;
      const { from, to } = request.query;
      // Default: the last 30 days; `from`/`to` (dates in the site's time zone) pick another period.
      let period = 'timestamp >= now() - INTERVAL 30 DAY';
      const params: Record<string, unknown> = { site: site.id };
      if (from !== undefined || to !== undefined) {
        if (!isDate(from) || !isDate(to)) return reply.code(400).send({ error: 'from and to are dates like 2026-01-31' });
        if (from > to) return reply.code(400).send({ error: 'from must not be after to' });
        period = 'toDate(timestamp, {tz:String}) BETWEEN {from:Date} AND {to:Date}';
        Object.assign(params, { from, to, tz: site.timezone });
      }
      const existing = await goals().list(site.id);
      const eventStore = container.resolve<EventStore>('eventStore');
      const rows = await eventStore.query<{ kind: string; value: string }>(
        `SELECT if(name = 'pageview', 'page', 'event') AS kind, if(name = 'pageview', pathname, name) AS value
           FROM events
          WHERE site_id = {site:UInt64} AND ${period} AND name != 'engagement'
          GROUP BY kind, value ORDER BY count() DESC LIMIT 50`,
        params,
      );
      // Property keys sent with each custom event: what a goal's properties breakdown can show.
      const keys = await eventStore.query<{ name: string; key: string }>(
        `SELECT name, arrayJoin(meta.key) AS key FROM events
          WHERE site_id = {site:UInt64} AND ${period} AND name NOT IN ('pageview', 'engagement')
          GROUP BY name, key ORDER BY count() DESC LIMIT 500`,
        params,
      );
      const properties: Record<string, string[]> = {};
      for (const { name, key } of keys) (properties[name] ??= []).push(key);
      const taken = new Set(existing.map((g) => `${g.event_name ? 'event' : 'page'}:${g.event_name ?? g.page_path}`));
      return {
        properties,
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
