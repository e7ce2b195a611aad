import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@web/client/api';
import type { Page, User } from '@web/client/types';

/** How many customers are in my portfolio (mine, plus those of absent colleagues I back up). */
export function usePortfolioCount() {
  return useQuery({
    queryKey: ['dashboard', 'portfolio'] as const,
    queryFn: ({ signal }) => api<Page<unknown>>('/customers', { query: { portfolio: 'me', limit: 1 }, signal }),
    select: (p) => p.total,
  });
}

/** PATCH /users/{id} { absent }: allowed for oneself, admins and ADV managers (the server decides). */
export function useSetAbsent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, absent }: { id: string; absent: boolean }) =>
      api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: { absent } }),
    onSuccess: (u) => {
      qc.setQueryData<{ data: User[] }>(['users'], (old) =>
        old ? { ...old, data: old.data.map((x) => (x.id === u.id ? { ...x, absent: u.absent } : x)) } : old,
      );
      void qc.invalidateQueries({ queryKey: ['users'] });
      // Portfolios follow absences: whoever backs this person up now sees (or no longer sees) their customers.
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
