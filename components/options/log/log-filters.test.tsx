import { describe, expect, it } from 'vitest';
import { filtersFromHash, hashOfFilters, NO_FILTERS, queryOfFilters } from './log-filters';

describe('the log filters in the hash', () => {
  it('round-trip through the hash, dropping what is not a filter value', () => {
    const filters = { ...NO_FILTERS, status: 'failed', q: 'jane cit', from: '2026-11-01' };
    const hash = hashOfFilters('log', filters);
    expect(hash).toBe('#log?status=failed&from=2026-11-01&q=jane+cit');
    expect(filtersFromHash(hash)).toEqual(filters);
    expect(filtersFromHash('#log?status=lost&kind=drop.table&from=yesterday')).toEqual(NO_FILTERS);
    expect(hashOfFilters('log', NO_FILTERS)).toBe('#log');
  });

  it('turn days into a range of the whole days, in local time', () => {
    const query = queryOfFilters({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-02', clinic: 'cbd' });
    expect(query).toEqual({
      clinicId: 'cbd',
      since: new Date(2026, 10, 1).getTime(),
      until: new Date(2026, 10, 3).getTime() - 1,
    });
  });
});
