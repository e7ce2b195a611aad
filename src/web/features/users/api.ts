import { useQuery } from '@tanstack/react-query';
import { api } from '@web/client/api';
import type { User } from '@web/client/types';

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api<{ data: User[] }>('/users', { signal }),
    staleTime: 5 * 60_000,
  });
}
