import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@web/client/api';
import type { Company } from '@web/client/types';
import { useAuth } from '@web/auth/AuthProvider';

export const companyKey = (id: string) => ['company', id] as const;

export function useCompany(id: string | null) {
  return useQuery({
    queryKey: companyKey(id ?? ''),
    queryFn: ({ signal }) => api<Company>(`/companies/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

/** The selected company's currency (EUR until known). */
export function useCompanyCurrency(): string {
  const { companyId } = useAuth();
  return useCompany(companyId).data?.currency ?? 'EUR';
}

export function useSaveCompany(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Record<string, unknown>; idempotencyKey: string }) =>
      id
        ? api<Company>(`/companies/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Company>('/companies', { method: 'POST', body, idempotencyKey }),
    onSuccess: (c) => {
      qc.setQueryData(companyKey(c.id), c);
      void qc.invalidateQueries({ queryKey: ['audit', 'company', c.id] });
    },
  });
}
