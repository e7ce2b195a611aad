import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Contract, priceListSchema } from '@shared/api/pricing';
import { api } from '@web/client/api';

export type PriceList = z.infer<typeof priceListSchema>;
export type PriceListItem = NonNullable<PriceList['items']>[number];
export type { Contract };
export type ContractStatus = Contract['status'];
export type ContractLine = Contract['lines'][number];

export const CONTRACT_STATUSES: ContractStatus[] = ['upcoming', 'active', 'expired', 'terminated'];

interface ListResponse<T> {
  data: T[];
  nextCursor: null;
}

export const pricingKeys = {
  priceLists: ['price-lists', 'list'] as const,
  priceList: (id: string) => ['price-lists', 'detail', id] as const,
  contracts: (p: ContractListParams) => ['contracts', 'list', p] as const,
  contract: (id: string) => ['contracts', 'detail', id] as const,
};

// --- price lists ---

export function usePriceLists() {
  return useQuery({
    queryKey: pricingKeys.priceLists,
    queryFn: ({ signal }) => api<ListResponse<PriceList>>('/price-lists', { signal }),
  });
}

export function usePriceList(id: string | undefined) {
  return useQuery({
    queryKey: pricingKeys.priceList(id ?? ''),
    queryFn: ({ signal }) => api<PriceList>(`/price-lists/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useSavePriceList(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Record<string, unknown>; idempotencyKey: string }) =>
      id
        ? api<PriceList>(`/price-lists/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : api<PriceList>('/price-lists', { method: 'POST', body, idempotencyKey }),
    onSuccess: (l) => {
      qc.setQueryData(pricingKeys.priceList(l.id), l);
      void qc.invalidateQueries({ queryKey: pricingKeys.priceLists });
      void qc.invalidateQueries({ queryKey: ['audit', 'price_list', l.id] });
      void qc.invalidateQueries({ queryKey: ['prices'] });
    },
  });
}

// --- contracts ---

export interface ContractListParams {
  status?: string;
  renewalDue?: string;
  customerId?: string;
}

export function useContracts(p: ContractListParams) {
  return useQuery({
    queryKey: pricingKeys.contracts(p),
    queryFn: ({ signal }) =>
      api<ListResponse<Contract>>('/contracts', {
        query: { status: p.status, renewalDue: p.renewalDue, customerId: p.customerId },
        signal,
      }),
  });
}

export function useContract(id: string | undefined) {
  return useQuery({
    queryKey: pricingKeys.contract(id ?? ''),
    queryFn: ({ signal }) => api<Contract>(`/contracts/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

function useContractCacheUpdate() {
  const qc = useQueryClient();
  return (c: Contract) => {
    qc.setQueryData(pricingKeys.contract(c.id), c);
    void qc.invalidateQueries({ queryKey: ['contracts', 'list'] });
    void qc.invalidateQueries({ queryKey: ['audit', 'contract', c.id] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    void qc.invalidateQueries({ queryKey: ['prices'] });
  };
}

export function useSaveContract(id: string | undefined) {
  const update = useContractCacheUpdate();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Record<string, unknown>; idempotencyKey: string }) =>
      id
        ? api<Contract>(`/contracts/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : api<Contract>('/contracts', { method: 'POST', body, idempotencyKey }),
    onSuccess: update,
  });
}

export function useTerminateContract(id: string) {
  const update = useContractCacheUpdate();
  return useMutation({
    mutationFn: () => api<Contract>(`/contracts/${encodeURIComponent(id)}/terminate`, { method: 'POST', body: {} }),
    onSuccess: update,
  });
}
