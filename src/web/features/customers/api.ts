import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Customer as CustomerDto } from '@shared/api/customers';
import type { Finding, Rule } from '@shared/api/rules';
import type { Contract, PriceResultDto } from '@shared/api/pricing';
import type { Quote } from '@shared/api/quotes';
import { api, newIdempotencyKey } from '@web/client/api';
import type { Page, Product } from '@web/client/types';

/** The customer as the API returns it now (commercial terms, ship-to contacts…): the shared contract. */
export type CustomerFull = CustomerDto;
export type CustomerRule = Rule;
export type RuleFinding = Finding;
export type CustomerContract = Contract;
export type CustomerQuote = Quote;
export type PriceResult = PriceResultDto;

export interface CustomerPrice {
  id: string;
  customerId: string;
  productId: string;
  sku: string;
  productName: string;
  unitPrice: string;
  minQuantity: string;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
}

export interface CustomerDiscount {
  id: string;
  customerId: string;
  scope: 'product' | 'category' | 'order' | string;
  productId: string | null;
  sku: string | null;
  category: string | null;
  percent: string;
  minOrderAmount: string | null;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
}

export interface ProductReference {
  id: string;
  customerCode: string;
  productId: string;
  sku: string;
  productName: string;
  description: string | null;
}

export interface PriceListSummary {
  id: string;
  code: string;
  name: string;
  currency: string;
  kind: string;
  active: boolean;
}

export interface RuleEvaluation {
  findings: RuleFinding[];
  nextAllowedDeliveryDate: string | null;
}

export interface ResolvedCode {
  productId: string;
  via: 'cross_reference' | 'prefix' | 'own_sku' | 'gtin' | string;
}

export interface CustomerListParams {
  q?: string;
  sort?: string;
  countryCode?: string;
  portfolio?: 'me';
  cursor?: string | null;
  limit?: number;
}

export const customerKeys = {
  all: ['customers'] as const,
  list: (p: CustomerListParams) => ['customers', 'list', p] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  rules: (id: string) => ['customers', 'rules', id] as const,
  prices: (id: string) => ['customers', 'prices', id] as const,
  discounts: (id: string) => ['customers', 'discounts', id] as const,
  references: (id: string) => ['customers', 'references', id] as const,
};

const enc = encodeURIComponent;

export function useCustomers(p: CustomerListParams) {
  return useQuery({
    queryKey: customerKeys.list(p),
    queryFn: ({ signal }) =>
      api<Page<CustomerFull>>('/customers', {
        query: {
          limit: p.limit ?? 50,
          cursor: p.cursor,
          q: p.q,
          sort: p.sort,
          countryCode: p.countryCode,
          portfolio: p.portfolio,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<CustomerFull>(`/customers/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export type CustomerPayload = Record<string, unknown>;

export function useSaveCustomer(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CustomerPayload; idempotencyKey: string }) =>
      id
        ? api<CustomerFull>(`/customers/${enc(id)}`, { method: 'PATCH', body })
        : api<CustomerFull>('/customers', { method: 'POST', body, idempotencyKey }),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit', 'customer', c.id] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

// ---- rules

export function useCustomerRules(customerId: string) {
  return useQuery({
    queryKey: customerKeys.rules(customerId),
    queryFn: ({ signal }) => api<{ data: CustomerRule[] }>(`/customers/${enc(customerId)}/rules`, { signal }),
    select: (r) => r.data,
  });
}

export interface RulePayload {
  kind: string;
  shipToId: string | null;
  severity: string;
  note: string | null;
  active: boolean;
  params: Record<string, unknown>;
}

export function useSaveRule(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ruleId, body }: { ruleId?: string; body: RulePayload }) =>
      ruleId
        ? api<CustomerRule>(`/customers/${enc(customerId)}/rules/${enc(ruleId)}`, { method: 'PUT', body })
        : api<CustomerRule>(`/customers/${enc(customerId)}/rules`, {
            method: 'POST',
            body,
            idempotencyKey: newIdempotencyKey(),
          }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: customerKeys.rules(customerId) });
      void qc.invalidateQueries({ queryKey: ['audit', 'customer', customerId] });
    },
  });
}

export function useDeleteRule(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) =>
      api<void>(`/customers/${enc(customerId)}/rules/${enc(ruleId)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: customerKeys.rules(customerId) }),
  });
}

export interface EvaluationInput {
  shipToId: string | null;
  deliveryDate: string | null;
  deliveryTime: string | null;
  orderAmount: string | null;
  orderQuantity: string | null;
  customerReference: string | null;
}

export function useEvaluateRules(customerId: string) {
  return useMutation({
    mutationFn: (body: EvaluationInput) =>
      api<RuleEvaluation>(`/customers/${enc(customerId)}/rules/evaluate`, { method: 'POST', body }),
  });
}

// ---- prices and discounts

export function useCustomerPrices(customerId: string) {
  return useQuery({
    queryKey: customerKeys.prices(customerId),
    queryFn: ({ signal }) => api<{ data: CustomerPrice[] }>(`/customers/${enc(customerId)}/prices`, { signal }),
    select: (r) => r.data,
  });
}

export function useCustomerDiscounts(customerId: string) {
  return useQuery({
    queryKey: customerKeys.discounts(customerId),
    queryFn: ({ signal }) => api<{ data: CustomerDiscount[] }>(`/customers/${enc(customerId)}/discounts`, { signal }),
    select: (r) => r.data,
  });
}

/** POST or DELETE on one of the customer's child collections (`prices`, `discounts`, `product-references`). */
function useChildMutations(customerId: string, path: string, key: readonly unknown[]) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['prices', 'resolve'] });
  };
  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<unknown>(`/customers/${enc(customerId)}/${path}`, {
        method: 'POST',
        body,
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (childId: string) =>
      api<void>(`/customers/${enc(customerId)}/${path}/${enc(childId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { add, remove };
}

export const usePriceMutations = (customerId: string) =>
  useChildMutations(customerId, 'prices', customerKeys.prices(customerId));
export const useDiscountMutations = (customerId: string) =>
  useChildMutations(customerId, 'discounts', customerKeys.discounts(customerId));
export const useReferenceMutations = (customerId: string) =>
  useChildMutations(customerId, 'product-references', customerKeys.references(customerId));

export interface PriceQuery {
  customerId: string;
  productId: string;
  quantity: string;
  date: string;
}

export function useResolvedPrice(p: PriceQuery | null) {
  return useQuery({
    queryKey: ['prices', 'resolve', p] as const,
    queryFn: ({ signal }) =>
      api<PriceResult>('/prices/resolve', {
        query: { customerId: p?.customerId, productId: p?.productId, quantity: p?.quantity, date: p?.date },
        signal,
      }),
    enabled: !!p,
    retry: false,
  });
}

// ---- the customer's own product codes

export function useProductReferences(customerId: string) {
  return useQuery({
    queryKey: customerKeys.references(customerId),
    queryFn: ({ signal }) =>
      api<{ data: ProductReference[] }>(`/customers/${enc(customerId)}/product-references`, { signal }),
    select: (r) => r.data,
  });
}

export function useResolveCode(customerId: string, code: string) {
  return useQuery({
    queryKey: ['customers', 'resolve-product', customerId, code] as const,
    queryFn: ({ signal }) =>
      api<ResolvedCode>(`/customers/${enc(customerId)}/resolve-product`, { query: { code }, signal }),
    enabled: code.trim() !== '',
    retry: false,
  });
}

// ---- products (pickers)

export function useProductSearch(q: string) {
  return useQuery({
    queryKey: ['products', 'search', q] as const,
    queryFn: ({ signal }) =>
      api<Page<Product>>('/products', { query: { q: q || undefined, limit: 20, active: 'true' }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useProductById(id: string | null | undefined) {
  return useQuery({
    queryKey: ['products', 'detail', id ?? ''] as const,
    queryFn: ({ signal }) => api<Product>(`/products/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useProductCategories() {
  return useQuery({
    queryKey: ['products', 'categories'] as const,
    queryFn: ({ signal }) => api<{ data: string[] }>('/products/categories', { signal }),
    select: (r) => r.data,
    staleTime: 5 * 60_000,
  });
}

// ---- price lists, contracts, quotes of the customer

export function usePriceLists() {
  return useQuery({
    queryKey: ['price-lists', 'list', 'all'] as const,
    queryFn: ({ signal }) => api<{ data: PriceListSummary[] }>('/price-lists', { signal }),
    select: (r) => r.data,
    staleTime: 5 * 60_000,
  });
}

export function useCustomerContracts(customerId: string) {
  return useQuery({
    queryKey: ['contracts', 'list', { customerId }] as const,
    queryFn: ({ signal }) => api<{ data: CustomerContract[] }>('/contracts', { query: { customerId }, signal }),
    select: (r) => r.data,
  });
}

export function useCustomerQuotes(customerId: string) {
  return useQuery({
    queryKey: ['quotes', 'list', { customerId }] as const,
    queryFn: ({ signal }) => api<Page<CustomerQuote>>('/quotes', { query: { customerId, limit: 100 }, signal }),
  });
}
