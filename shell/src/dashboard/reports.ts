/**
 * Every breakdown report the panels and details views show: which dimensions it groups by, which
 * dimension a click filters on, and its metrics (which depend on the filters: session metrics
 * cannot be combined with some event filters and dimensions).
 */
import type { FilterTree } from '@qusto/sdk';
import { countryName, propsDimension } from './dimensions.ts';
import { hasEventFilter } from './queries.ts';
import { singleIsValue, type DashboardState } from './state.ts';

export type ReportId =
  | 'channels'
  | 'sources'
  | 'referrers'
  | 'utm_medium'
  | 'utm_source'
  | 'utm_campaign'
  | 'utm_content'
  | 'utm_term'
  | 'pages'
  | 'entry_pages'
  | 'exit_pages'
  | 'countries'
  | 'regions'
  | 'cities'
  | 'browsers'
  | 'browser_versions'
  | 'os'
  | 'os_versions'
  | 'devices'
  | 'props';

export interface Report {
  id: ReportId;
  /** Details view title: "Top sources". */
  title: string;
  /** Name column header: "Source". */
  column: string;
  dimensions: string[];
  /** Clicking a row filters on this dimension with the row's `dimensions[0]`. */
  filterDimension: string;
  /** The details view searches (contains) in this dimension. */
  searchDimension: string;
  panelMetrics: string[];
  detailsMetrics: string[];
  extraFilters: FilterTree[];
  /** Report to show after filtering by a row (countries -> regions -> cities). */
  drillTo?: ReportId;
  /** Rows link out: pages to the site, referrers to themselves. */
  link?: 'page' | 'referrer';
  /** Icon shown before the label. */
  icon?: 'flag' | 'region-flag' | 'city-flag';
}

const SESSION_DETAILS = ['visitors', 'percentage', 'visits', 'bounce_rate', 'visit_duration'];
const PANEL = ['visitors', 'percentage'];

const notEmpty = (dimension: string): FilterTree => ['is_not', dimension, ['']];

function visitReport(id: ReportId, title: string, column: string, dimension: string, extra: Partial<Report> = {}): Report {
  return {
    id,
    title,
    column,
    dimensions: [dimension],
    filterDimension: dimension,
    searchDimension: dimension,
    panelMetrics: PANEL,
    detailsMetrics: SESSION_DETAILS,
    extraFilters: [],
    ...extra,
  };
}

const UTM_LABELS: Record<string, [string, string]> = {
  utm_medium: ['UTM mediums', 'UTM medium'],
  utm_source: ['UTM sources', 'UTM source'],
  utm_campaign: ['UTM campaigns', 'UTM campaign'],
  utm_content: ['UTM contents', 'UTM content'],
  utm_term: ['UTM terms', 'UTM term'],
};

export const UTM_REPORTS = Object.keys(UTM_LABELS) as ReportId[];

/** The report, adjusted to the view state (metrics that the filters allow; drill-down titles). */
export function report(id: ReportId, state: DashboardState, options: { propKey?: string | null } = {}): Report {
  const eventFilters = hasEventFilter(state.filters);
  switch (id) {
    case 'channels':
      return visitReport(id, 'Top channels', 'Channel', 'visit:channel');
    case 'sources':
      return visitReport(id, 'Top sources', 'Source', 'visit:source');
    case 'referrers': {
      const source = singleIsValue(state.filters, 'visit:source');
      return visitReport(id, source ? `Top referrers from ${source}` : 'Top referrers', 'Referrer', 'visit:referrer', { link: 'referrer' });
    }
    case 'utm_medium':
    case 'utm_source':
    case 'utm_campaign':
    case 'utm_content':
    case 'utm_term': {
      const [title, column] = UTM_LABELS[id]!;
      return visitReport(id, title, column, `visit:${id}`, { extraFilters: [notEmpty(`visit:${id}`)] });
    }
    case 'pages':
      return {
        ...visitReport(id, 'Top pages', 'Page', 'event:page', { link: 'page' }),
        detailsMetrics: ['visitors', 'percentage', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth'],
      };
    case 'entry_pages':
      return visitReport(id, 'Entry pages', 'Entry page', 'visit:entry_page', { link: 'page' });
    case 'exit_pages':
      return {
        ...visitReport(id, 'Exit pages', 'Exit page', 'visit:exit_page', { link: 'page' }),
        // Exit rate is only defined without event filters (Stats API rule).
        detailsMetrics: eventFilters ? ['visitors', 'percentage', 'visits'] : ['visitors', 'percentage', 'visits', 'exit_rate'],
      };
    case 'countries':
      return visitReport(id, 'Countries', 'Country', 'visit:country', {
        searchDimension: 'visit:country_name',
        extraFilters: [notEmpty('visit:country_name')],
        drillTo: 'regions',
        icon: 'flag',
      });
    case 'regions':
      return {
        ...visitReport(id, 'Regions', 'Region', 'visit:region', {
          searchDimension: 'visit:region_name',
          extraFilters: [notEmpty('visit:region_name')],
          drillTo: 'cities',
          icon: 'region-flag',
        }),
        dimensions: ['visit:region', 'visit:region_name'],
      };
    case 'cities':
      return {
        ...visitReport(id, 'Cities', 'City', 'visit:city', { searchDimension: 'visit:city_name', extraFilters: [notEmpty('visit:city_name')], icon: 'city-flag' }),
        dimensions: ['visit:city', 'visit:city_name', 'visit:country'],
      };
    case 'browsers':
      return visitReport(id, 'Browsers', 'Browser', 'visit:browser');
    case 'browser_versions': {
      const browser = singleIsValue(state.filters, 'visit:browser');
      return visitReport(id, browser ? `${browser} versions` : 'Browser versions', 'Version', 'visit:browser_version');
    }
    case 'os':
      return visitReport(id, 'Operating systems', 'Operating system', 'visit:os');
    case 'os_versions': {
      const os = singleIsValue(state.filters, 'visit:os');
      return visitReport(id, os ? `${os} versions` : 'OS versions', 'Version', 'visit:os_version');
    }
    case 'devices':
      return visitReport(id, 'Devices', 'Device', 'visit:device');
    case 'props': {
      const key = options.propKey ?? '';
      const dimension = propsDimension(key);
      // Session metrics cannot be grouped by a property (an event dimension).
      return {
        ...visitReport(id, key ? `Property: ${key}` : 'Properties', key || 'Value', dimension),
        // Events without the key would fill the top row as "(none)".
        extraFilters: [['is_not', dimension, ['(none)']]],
        panelMetrics: PANEL,
        detailsMetrics: ['visitors', 'percentage', 'events'],
      };
    }
  }
}

/** Label of a row and the country whose flag goes before it, from its dimension values. */
export function rowLabel(r: Pick<Report, 'id' | 'icon'>, dimensions: Array<string | number>): { text: string; country: string | null } {
  const [first, second, third] = dimensions;
  switch (r.icon) {
    case 'flag':
      return { text: countryName(String(first)), country: String(first) };
    case 'region-flag':
      return { text: String(second || first), country: String(first).slice(0, 2) };
    case 'city-flag':
      return { text: String(second || first), country: third ? String(third) : null };
    default:
      return { text: String(first), country: null };
  }
}

/** External link of a row: the page on the site, or the referrer; null when it is not a URL. */
export function rowHref(r: Pick<Report, 'link'>, value: string, domain: string): string | null {
  try {
    if (r.link === 'page' && value.startsWith('/')) {
      const url = new URL(`https://${domain}${value}`);
      return url.host === domain ? url.href : null;
    }
    if (r.link === 'referrer' && value && value !== 'Direct / None') {
      const url = new URL(`https://${value}`);
      return url.protocol === 'https:' ? url.href : null;
    }
  } catch {
    return null;
  }
  return null;
}
