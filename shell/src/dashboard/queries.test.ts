import { describe, expect, it } from 'vitest';
import { apiFilters, breakdownQuery, graphMetric, graphQuery, minuteGraphPath, suggestionQuery, topStatsMetrics, topStatsQuery, v1Filters } from './queries.ts';
import { report } from './reports.ts';
import { DEFAULT_STATE, parseState, serializeState, type DashboardState } from './state.ts';

const SITE = 'example.com';
const with_ = (search: string): DashboardState => parseState(search);

describe('Stats API v2 queries', () => {
  it('top stats: the six metrics, filters, comparison', () => {
    expect(topStatsQuery(SITE, with_('?period=7d&f=is,source,Google&compare=previous_period'))).toEqual({
      site_id: SITE,
      metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'],
      date_range: '7d',
      filters: [['is', 'visit:source', ['Google']]],
      include: { comparisons: { mode: 'previous_period' } },
    });
    expect(topStatsQuery(SITE, DEFAULT_STATE)).toEqual({ site_id: SITE, metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'], date_range: '28d' });
  });

  it('top stats with a page filter swap views per visit for time on page and scroll depth', () => {
    expect(topStatsMetrics(with_('?f=is,page,/blog').filters)).toEqual(['visitors', 'visits', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth']);
    expect(graphMetric(with_('?metric=views_per_visit&f=is,page,/blog'))).toBe('visitors');
    expect(graphMetric(with_('?metric=views_per_visit'))).toBe('views_per_visit');
  });

  it('month and year to date trim to today; comparisons can match the weekday; none for realtime/all', () => {
    expect(topStatsQuery(SITE, with_('?period=month&compare=year_over_year&match_day_of_week=true')).include).toEqual({
      comparisons: { mode: 'year_over_year', match_day_of_week: true },
      trim_relative_date_range: true,
    });
    expect(topStatsQuery(SITE, with_('?period=all&compare=previous_period')).include).toBeUndefined();
    const realtime = topStatsQuery(SITE, with_('?period=realtime&compare=previous_period'), Date.parse('2026-01-01T10:30:00Z'));
    expect(realtime).toEqual({ site_id: SITE, metrics: ['visitors', 'pageviews'], date_range: ['2026-01-01T10:00:00Z', '2026-01-01T10:30:00Z'] });
  });

  it('the graph: metric by time bucket with every label and the comparison', () => {
    expect(graphQuery(SITE, with_('?period=custom&from=2026-01-01&to=2026-01-31&metric=bounce_rate&compare=previous_period'), 'week')).toEqual({
      site_id: SITE,
      metrics: ['bounce_rate'],
      date_range: ['2026-01-01', '2026-01-31'],
      dimensions: ['time:week'],
      include: { time_labels: true, comparisons: { mode: 'previous_period' } },
    });
  });

  it('goal filters (goals plugin): f=is,goal,… is an event:goal filter, and round-trips', () => {
    const state = with_('?f=is,goal,Signup&f=is,source,Google');
    expect(apiFilters(state.filters)).toEqual([
      ['is', 'event:goal', ['Signup']],
      ['is', 'visit:source', ['Google']],
    ]);
    expect(topStatsQuery(SITE, state).filters).toEqual(apiFilters(state.filters));
    expect(serializeState(state)).toBe('f=is,goal,Signup&f=is,source,Google');
  });

  it('filters: contains ignores case, city ids are numbers', () => {
    expect(apiFilters(with_('?f=contains,page,/Blog&f=is,city,2643743&f=contains_not,region,Lon&f=is_not,country,US,DE').filters)).toEqual([
      ['contains', 'event:page', ['/Blog'], { case_sensitive: false }],
      ['is', 'visit:city', [2643743]],
      ['contains_not', 'visit:region', ['Lon'], { case_sensitive: false }],
      ['is_not', 'visit:country', ['US', 'DE']],
    ]);
    expect(apiFilters(with_('?f=contains,city,Lon').filters)).toEqual([['contains', 'visit:city', ['Lon'], { case_sensitive: false }]]);
  });

  it('a panel: dimension, metrics, report filters, order, page, total rows, comparison', () => {
    const state = with_('?period=30d&f=is,country,EE&compare=previous_period');
    const r = report('utm_campaign', state);
    expect(breakdownQuery(SITE, state, { dimensions: r.dimensions, metrics: r.panelMetrics, extraFilters: r.extraFilters, limit: 9, compare: true })).toEqual({
      site_id: SITE,
      metrics: ['visitors', 'percentage'],
      date_range: '30d',
      filters: [
        ['is', 'visit:country', ['EE']],
        ['is_not', 'visit:utm_campaign', ['']],
      ],
      dimensions: ['visit:utm_campaign'],
      order_by: [['visitors', 'desc']],
      pagination: { limit: 9, offset: 0 },
      include: { total_rows: true, comparisons: { mode: 'previous_period' } },
    });
  });

  it('a details page: search is a case-insensitive contains on the report dimension', () => {
    const r = report('countries', DEFAULT_STATE);
    const body = breakdownQuery(SITE, DEFAULT_STATE, {
      dimensions: r.dimensions,
      metrics: r.detailsMetrics,
      extraFilters: r.extraFilters,
      orderBy: [['visit:country', 'asc']],
      limit: 100,
      offset: 200,
      search: { dimension: r.searchDimension, text: '  esto ' },
    });
    expect(body).toEqual({
      site_id: SITE,
      metrics: ['visitors', 'percentage', 'visits', 'bounce_rate', 'visit_duration'],
      date_range: '28d',
      filters: [
        ['is_not', 'visit:country_name', ['']],
        ['contains', 'visit:country_name', ['esto'], { case_sensitive: false }],
      ],
      dimensions: ['visit:country'],
      order_by: [['visit:country', 'asc']],
      pagination: { limit: 100, offset: 200 },
      include: { total_rows: true },
    });
  });

  it('exit rate only without event filters; props details without session metrics', () => {
    expect(report('exit_pages', DEFAULT_STATE).detailsMetrics).toContain('exit_rate');
    expect(report('exit_pages', with_('?f=is,page,/')).detailsMetrics).not.toContain('exit_rate');
    expect(report('exit_pages', with_('?f=is,source,Google')).detailsMetrics).toContain('exit_rate');
    expect(report('props', DEFAULT_STATE, { propKey: 'plan' })).toMatchObject({ dimensions: ['event:props:plan'], detailsMetrics: ['visitors', 'percentage', 'events'] });
  });

  it('drill-down: a single source shows its referrers', () => {
    expect(report('referrers', with_('?f=is,source,Google')).title).toBe('Top referrers from Google');
  });

  it('suggestions search under the other filters, not the edited one', () => {
    const body = suggestionQuery(SITE, with_('?f=is,source,Google&f=is,country,EE'), { dimension: 'visit:country', searchDimension: 'visit:country_name', text: 'ger' });
    expect(body.filters).toEqual([
      ['is', 'visit:source', ['Google']],
      ['contains', 'visit:country_name', ['ger'], { case_sensitive: false }],
    ]);
    expect(body.pagination).toEqual({ limit: 10, offset: 0 });
  });

  it('per-minute graphs use v1 timeseries with v1 filter syntax', () => {
    expect(v1Filters(with_('?f=is,source,Google,Bing&f=contains_not,page,/a|b').filters)).toBe('visit:source==Google|Bing;event:page!~/a\\|b');
    expect(minuteGraphPath(SITE, with_('?period=realtime&metric=pageviews&f=is,country,EE'), null)).toBe(
      '/api/v1/stats/timeseries?site_id=example.com&period=30m&interval=minute&metrics=pageviews&filters=visit%3Acountry%3D%3DEE',
    );
    expect(minuteGraphPath(SITE, with_('?period=yesterday&interval=minute'), '2026-01-09')).toBe('/api/v1/stats/timeseries?site_id=example.com&period=day&date=2026-01-09&interval=minute&metrics=visitors');
  });
});

describe('top stats under a goal filter', () => {
  it('are unique and total conversions and the conversion rate; the graph charts a rate per bucket', () => {
    const state = parseState('?f=is,goal,Signup&metric=conversion_rate');
    expect(topStatsMetrics(state.filters)).toEqual(['visitors', 'events', 'conversion_rate']);
    expect(graphMetric(state)).toBe('conversion_rate');
    expect(graphQuery('example.com', state, 'day').metrics).toEqual(['group_conversion_rate']);
    expect(topStatsMetrics(parseState('?f=is,page,/blog').filters)).not.toContain('conversion_rate');
  });
});
