import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@web/client/api';
import type { Customer, Page } from '@web/client/types';

export interface CustomerListParams {
  q?: string;
  sort?: string;
  countryCode?: string;
  cursor?: string | null;
  limit?: number;
}

export const customerKeys = {
  all: ['customers'] as const,
  list: (p: CustomerListParams) => ['customers', 'list', p] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
};

export function useCustomers(p: CustomerListParams) {
  return useQuery({
    queryKey: customerKeys.list(p),
    queryFn: ({ signal }) =>
      api<Page<Customer>>('/customers', {
        query: { limit: p.limit ?? 50, cursor: p.cursor, q: p.q, sort: p.sort, countryCode: p.countryCode },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<Customer>(`/customers/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export type CustomerPayload = Record<string, unknown>;

export function useSaveCustomer(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CustomerPayload; idempotencyKey: string }) =>
      id
        ? api<Customer>(`/customers/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Customer>('/customers', { method: 'POST', body, idempotencyKey }),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit', 'customer', c.id] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
