import { invalidArgument } from '../errors/vsphere-error';

/** Filter name -> its allowed values (undefined: any identifier or name). */
export type FilterSpec = Record<string, readonly string[] | undefined>;
export type Filters = Record<string, readonly string[]>;

/** Query keys a list may carry that are not filters. */
const NOT_FILTERS = new Set(['vmw-task', '~action', 'action']);

/** `names`, `filter.names` and `filter.names.1` all name the filter `names`. */
function filterNameOf(key: string): string {
  const match = /^filter\.([a-z_]+)(?:\.\d+)?$/.exec(key);
  return match ? match[1] : key;
}

/**
 * Filters of a list request, in either dialect: repeated keys (`names=a&names=b`), the legacy
 * `filter.names`, `filter.names.1`, `filter.names.2`. Unknown filters and values outside a filter's
 * enumeration are refused with INVALID_ARGUMENT, naming them; empty values are ignored, as clients send them.
 */
export function parseFilters(query: Record<string, unknown>, spec: FilterSpec): Filters {
  const filters: Record<string, string[]> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (NOT_FILTERS.has(key)) continue;
    const name = filterNameOf(key);
    if (!Object.hasOwn(spec, name)) {
      throw invalidArgument(`Unknown filter ${key}; this list takes ${Object.keys(spec).join(', ')}`, [key]);
    }
    const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string' && value !== '');
    const allowed = spec[name];
    const wrong = allowed ? values.filter((value) => !allowed.includes(value)) : [];
    if (wrong.length > 0) throw invalidArgument(`${name} must be one of ${allowed!.join(', ')}, not ${wrong.join(', ')}`, wrong);
    if (values.length > 0) filters[name] = [...(filters[name] ?? []), ...values];
  }
  return filters;
}

/** What an object shows to each filter: its own identifier, name, folder, host, ... */
export type Facets = Record<string, string | readonly string[] | undefined>;

/** An object matches when every filter given lists one of its values for that facet. */
export function matches(facets: Facets, filters: Filters): boolean {
  return Object.entries(filters).every(([name, wanted]) => {
    const own = facets[name];
    if (own === undefined) return false;
    const values = typeof own === 'string' ? [own] : own;
    return values.some((value) => wanted.includes(value));
  });
}
