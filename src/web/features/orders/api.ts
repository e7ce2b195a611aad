import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Order, OrderFinding, OrderLine, OrderStatus } from '@shared/api/orders';
import { api, apiConfig, ApiError, type Problem } from '@web/client/api';
import { currentLanguage } from '@web/i18n';
import type { Page, Product } from '@web/client/types';

export type { Order, OrderFinding, OrderLine, OrderStatus };

/** Every status, in lifecycle order (plain constant: the web bundle does not pull Zod in). */
export const ORDER_STATUSES: OrderStatus[] = [
  'draft',
  'to_validate',
  'confirmed',
  'partially_delivered',
  'delivered',
  'partially_invoiced',
  'invoiced',
  'closed',
  'cancelled',
  'on_hold',
];

export type OrderCommand = 'confirm' | 'hold' | 'release' | 'cancel' | 'close' | 'validate';

export interface OrderVersion {
  version: number;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  /** The order (DTO) as it was before the change. */
  snapshot: unknown;
}

export interface TimelineEntry {
  at: string;
  kind: 'audit' | 'mail' | 'version';
  title: string;
  actor: string | null;
  detail: unknown;
}

const enc = encodeURIComponent;

export const orderKeys = {
  all: ['orders'] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  timeline: (id: string) => ['orders', 'timeline', id] as const,
  versions: (id: string) => ['orders', 'versions', id] as const,
  preview: (body: string) => ['orders', 'preview', body] as const,
};

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: orderKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<Order>(`/orders/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

/** A preview answer and the form lines (keys) it was asked for, in the order sent. */
export interface OrderPreview {
  order: Order;
  keys: string[];
}

/**
 * POST /orders/preview: prices, promised dates and findings of what is being typed, without saving. `request` is the
 * JSON of `{ body, keys }` (debounced by the caller); null: nothing to check yet.
 */
export function useOrderPreview(request: string | null) {
  return useQuery({
    queryKey: orderKeys.preview(request ?? ''),
    queryFn: async ({ signal }): Promise<OrderPreview> => {
      const { body, keys } = JSON.parse(request ?? '{}') as { body: unknown; keys: string[] };
      const order = await api<Order>('/orders/preview', { method: 'POST', body, signal });
      return { order, keys };
    },
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
}

export function useOrderCacheUpdate() {
  const qc = useQueryClient();
  return (o: Order) => {
    qc.setQueryData(orderKeys.detail(o.id), o);
    void qc.invalidateQueries({ queryKey: ['orders', 'list'] });
    void qc.invalidateQueries({ queryKey: ['orders', 'book'] });
    void qc.invalidateQueries({ queryKey: orderKeys.timeline(o.id) });
    void qc.invalidateQueries({ queryKey: orderKeys.versions(o.id) });
    void qc.invalidateQueries({ queryKey: ['audit', 'order', o.id] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useCreateOrder() {
  const update = useOrderCacheUpdate();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Record<string, unknown>; idempotencyKey: string }) =>
      api<Order>('/orders', { method: 'POST', body, idempotencyKey }),
    onSuccess: update,
  });
}

export function useUpdateOrder(id: string) {
  const update = useOrderCacheUpdate();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Order>(`/orders/${enc(id)}`, { method: 'PATCH', body }),
    onSuccess: update,
  });
}

export function useOrderCommand(id: string) {
  const update = useOrderCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ command, body }: { command: OrderCommand; body?: Record<string, unknown> }) =>
      api<Order>(`/orders/${enc(id)}/${command}`, { method: 'POST', body: body ?? {} }),
    onSuccess: update,
    // Refused (blocked, moved by someone else…): show the order as it is now.
    onError: () => void qc.invalidateQueries({ queryKey: orderKeys.detail(id) }),
  });
}

export function useSendAcknowledgement(id: string) {
  const update = useOrderCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { to?: string[]; message?: string | null }) =>
      api<Order>(`/orders/${enc(id)}/acknowledgement/send`, { method: 'POST', body }),
    onSuccess: (o) => {
      update(o);
      void qc.invalidateQueries({ queryKey: ['mails'] });
    },
  });
}

/** POST /orders/{id}/confirm outside a hook bound to one order (the entry screen confirms what it just created). */
export const confirmOrder = (id: string, body: { overrideReason?: string } = {}) =>
  api<Order>(`/orders/${enc(id)}/confirm`, { method: 'POST', body });

export function useOrderTimeline(id: string) {
  return useQuery({
    queryKey: orderKeys.timeline(id),
    queryFn: ({ signal }) => api<{ data: TimelineEntry[] }>(`/orders/${enc(id)}/timeline`, { signal }),
    select: (r) => r.data,
  });
}

export function useOrderVersions(id: string) {
  return useQuery({
    queryKey: orderKeys.versions(id),
    queryFn: ({ signal }) => api<{ data: OrderVersion[] }>(`/orders/${enc(id)}/versions`, { signal }),
    select: (r) => r.data,
  });
}

/**
 * Opens the acknowledgement (ARC) PDF in a new tab. Fetched with the company and language headers (the plain link
 * would not carry them); the tab is opened at once so that the browser does not take it for a pop-up.
 */
export async function openAckPdf(id: string, lang?: 'fr' | 'en'): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const headers: Record<string, string> = { Accept: 'application/pdf, application/problem+json' };
    const company = apiConfig.getCompanyId();
    if (company) headers['Relais-Company'] = company;
    headers['Accept-Language'] = currentLanguage();
    const res = await fetch(`/api/v1/orders/${enc(id)}/acknowledgement.pdf${lang ? `?lang=${lang}` : ''}`, {
      credentials: 'same-origin',
      headers,
    });
    if (!res.ok) {
      const p = (await res.json().catch(() => ({}))) as Partial<Problem>;
      throw new ApiError({
        type: p.type ?? 'about:blank',
        title: p.title ?? res.statusText,
        status: res.status,
        detail: p.detail,
        code: p.code ?? `http_${res.status}`,
      });
    }
    const url = URL.createObjectURL(await res.blob());
    if (tab) tab.location.href = url;
    else window.open(url, '_blank');
    setTimeout(() => URL.revokeObjectURL(url), 120_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

// --- the product of a line: our SKU, a GTIN or the customer's own code ---

export interface ProductCandidate {
  id: string;
  sku: string;
  name: string;
  nameEn: string | null;
  gtin: string | null;
  unit: string | null;
  /** How the typed code was understood: cross_reference / prefix (the customer's code), own_sku, gtin, or search. */
  via: string;
  /** What was typed, kept when it is the customer's own code (sent as `customerProductCode`). */
  code: string;
}

/** The customer's own code (cross-reference, prefix rule), our SKU or a GTIN → one product, or null. */
async function resolveCode(
  customerId: string,
  code: string,
  signal: AbortSignal,
): Promise<{ productId: string; sku: string; name: string; via: string } | null> {
  try {
    return await api<{ productId: string; sku: string; name: string; via: string }>(
      `/customers/${enc(customerId)}/resolve-product`,
      { query: { code }, signal },
    );
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    // 404: not a code this customer uses; anything else: the search below still answers.
    return null;
  }
}

/**
 * One input, every way to name a product: the customer's code resolution first (when a customer is chosen), then
 * the catalogue search by SKU, name or GTIN.
 */
export function productCandidates(customerId: string | null) {
  return async (q: string, signal: AbortSignal): Promise<ProductCandidate[]> => {
    const code = q.trim();
    const [resolved, page] = await Promise.all([
      customerId && code ? resolveCode(customerId, code, signal) : Promise.resolve(null),
      api<Page<Product>>('/products', { query: { q: code || undefined, limit: 12, active: 'true' }, signal }),
    ]);
    const out: ProductCandidate[] = [];
    if (resolved) {
      const p = page.data.find((x) => x.id === resolved.productId);
      out.push({
        id: resolved.productId,
        sku: resolved.sku,
        name: resolved.name,
        nameEn: p?.nameEn ?? null,
        gtin: p?.gtin ?? null,
        unit: p?.unit ?? null,
        via: resolved.via,
        code,
      });
    }
    for (const p of page.data) {
      if (out.some((x) => x.id === p.id)) continue;
      out.push({
        id: p.id,
        sku: p.sku,
        name: p.name,
        nameEn: p.nameEn,
        gtin: p.gtin,
        unit: p.unit,
        via: p.gtin && p.gtin === code ? 'gtin' : 'search',
        code,
      });
    }
    return out;
  };
}

/** The typed code is the customer's own (translated by the server, kept on the line). */
export const isCustomerCode = (via: string | null | undefined) => via === 'cross_reference' || via === 'prefix';
