/** Queries of the staff catalogue (事项目录). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ItemDetail, ItemListQuery, ItemSummary, OrgOverview, Page, UnitView } from '../../api/types';

export const STAFF_ITEMS_KEY = ['staff', 'catalog'] as const;

export function useStaffItems(query: ItemListQuery) {
  return useQuery({
    queryKey: [...STAFF_ITEMS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<Page<ItemSummary>>('/api/catalog/items', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStaffItem(id: string | undefined) {
  return useQuery({
    queryKey: [...STAFF_ITEMS_KEY, 'item', id],
    queryFn: ({ signal }) => api.get<ItemDetail>(`/api/catalog/items/${id ?? ''}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** Every unit (sections, centres, departments, centre units) with inactive ones, for pickers. */
export function useStaffUnits(enabled = true) {
  return useQuery({
    queryKey: ['staff', 'org', 'units'],
    queryFn: ({ signal }) => api.get<UnitView[]>('/api/org/units', undefined, signal),
    enabled,
  });
}

/** The organisation as staff see it (unmasked phones, inactive units and windows included). */
export function useStaffOrg(enabled = true) {
  return useQuery({
    queryKey: ['staff', 'org', 'overview'],
    queryFn: ({ signal }) => api.get<OrgOverview>('/api/org', undefined, signal),
    enabled,
  });
}
