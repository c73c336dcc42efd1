/** Queries of the organisation as the public sees it. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { OrgOverview } from '../../api/types';

export function usePublicOrg(enabled = true) {
  return useQuery({
    queryKey: ['public', 'org'],
    queryFn: ({ signal }) => api.get<OrgOverview>('/api/public/org', undefined, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}
