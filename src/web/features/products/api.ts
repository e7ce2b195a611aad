import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@web/client/api';
import type { Page, Product } from '@web/client/types';

export interface ProductListParams {
  q?: string;
  sort?: string;
  category?: string;
  active?: string;
  cursor?: string | null;
  limit?: number;
}

export const productKeys = {
  all: ['products'] as const,
  list: (p: ProductListParams) => ['products', 'list', p] as const,
  detail: (id: string) => ['products', 'detail', id] as const,
};

export function useProducts(p: ProductListParams) {
  return useQuery({
    queryKey: productKeys.list(p),
    queryFn: ({ signal }) =>
      api<Page<Product>>('/products', {
        query: { limit: p.limit ?? 50, cursor: p.cursor, q: p.q, sort: p.sort, category: p.category, active: p.active },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useProduct(id: string | undefined) {
  return useQuery({
    queryKey: productKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<Product>(`/products/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useSaveProduct(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Record<string, unknown>; idempotencyKey: string }) =>
      id
        ? api<Product>(`/products/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Product>('/products', { method: 'POST', body, idempotencyKey }),
    onSuccess: (p) => {
      qc.setQueryData(productKeys.detail(p.id), p);
      void qc.invalidateQueries({ queryKey: ['products', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit', 'product', p.id] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useProductCategories() {
  return useQuery({
    queryKey: ['products', 'categories'],
    queryFn: ({ signal }) => api<{ data: string[] }>('/products/categories', { signal }),
    select: (r) => r.data,
    staleTime: 60_000,
  });
}
