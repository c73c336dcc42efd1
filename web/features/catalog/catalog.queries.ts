/** Queries of the public guide (办事指南). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CatalogFacets, CatalogStats, ItemDetail, ItemListQuery, ItemSummary, Page } from '../../api/types';

export function useCatalogStats() {
  return useQuery({
    queryKey: ['public', 'catalog', 'stats'],
    queryFn: ({ signal }) => api.get<CatalogStats>('/api/public/catalog/stats', undefined, signal),
  });
}

export function useCatalogFacets() {
  return useQuery({
    queryKey: ['public', 'catalog', 'facets'],
    queryFn: ({ signal }) => api.get<CatalogFacets>('/api/public/catalog/facets', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function usePublicItems(query: ItemListQuery) {
  return useQuery({
    queryKey: ['public', 'items', query],
    queryFn: ({ signal }) => api.get<Page<ItemSummary>>('/api/public/items', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicItem(code: string) {
  return useQuery({
    queryKey: ['public', 'item', code],
    queryFn: ({ signal }) => api.get<ItemDetail>(`/api/public/items/${encodeURIComponent(code)}`, undefined, signal),
  });
}
