import { useQuery } from '@tanstack/react-query';
import { api } from '@web/api/client';
import type { User } from '@web/api/types';

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api<{ data: User[] }>('/users', { signal }),
    staleTime: 5 * 60_000,
  });
}
