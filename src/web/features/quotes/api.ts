import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PriceResultDto } from '@shared/api/pricing';
import type { Quote } from '@shared/api/quotes';
import { api, apiConfig, ApiError, NetworkError, type Problem } from '@web/client/api';
import type { Customer, Page, Product } from '@web/client/types';
import { currentLanguage } from '@web/i18n';

export type { PriceResultDto, Quote };
export type QuoteStatus = Quote['status'];
export type QuoteLine = Quote['lines'][number];
export type QuoteAttachment = Quote['attachments'][number];
export type QuoteCommand = 'send' | 'accept' | 'refuse' | 'cancel' | 'reopen';

export const QUOTE_STATUSES: QuoteStatus[] = [
  'draft',
  'sent',
  'accepted',
  'refused',
  'expired',
  'cancelled',
  'converted',
];

/** What the server stores as a line's `priceSource` (the pricing function's source, plus the discount applied). */
export interface PriceSource {
  type: string;
  id: string | null;
  label: string;
  validTo: string | null;
  minQuantity: string | null;
  discountPercent?: string;
}

export function asPriceSource(v: unknown): PriceSource | null {
  if (!v || typeof v !== 'object') return null;
  const s = v as Partial<PriceSource>;
  return typeof s.type === 'string' ? (s as PriceSource) : null;
}

export interface QuoteListParams {
  status?: string;
  customerId?: string;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export const quoteKeys = {
  all: ['quotes'] as const,
  list: (p: QuoteListParams) => ['quotes', 'list', p] as const,
  detail: (id: string) => ['quotes', 'detail', id] as const,
};

export function useQuotes(p: QuoteListParams) {
  return useQuery({
    queryKey: quoteKeys.list(p),
    queryFn: ({ signal }) =>
      api<Page<Quote>>('/quotes', {
        query: { limit: p.limit ?? 50, cursor: p.cursor, q: p.q, status: p.status, customerId: p.customerId },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useQuote(id: string | undefined) {
  return useQuery({
    queryKey: quoteKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<Quote>(`/quotes/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

function useQuoteCacheUpdate() {
  const qc = useQueryClient();
  return (q: Quote) => {
    qc.setQueryData(quoteKeys.detail(q.id), q);
    void qc.invalidateQueries({ queryKey: ['quotes', 'list'] });
    void qc.invalidateQueries({ queryKey: ['audit', 'quote', q.id] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
}

export function useSaveQuote(id: string | undefined) {
  const update = useQuoteCacheUpdate();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Record<string, unknown>; idempotencyKey: string }) =>
      id
        ? api<Quote>(`/quotes/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Quote>('/quotes', { method: 'POST', body, idempotencyKey }),
    onSuccess: update,
  });
}

export function useQuoteCommand(id: string) {
  const update = useQuoteCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ command, body }: { command: QuoteCommand; body?: Record<string, unknown> }) =>
      api<Quote>(`/quotes/${encodeURIComponent(id)}/${command}`, { method: 'POST', body: body ?? {} }),
    onSuccess: (q, v) => {
      update(q);
      if (v.command === 'send') void qc.invalidateQueries({ queryKey: ['mails'] });
    },
    // Refused by the server (e.g. 409 invalid_transition: someone else moved the quote): show the current state.
    onError: () => void qc.invalidateQueries({ queryKey: quoteKeys.detail(id) }),
  });
}

/** GET /prices/resolve: the suggested price of one line and why. */
export function priceResolveQuery(p: {
  customerId: string | null;
  productId: string;
  quantity: string;
  date: string | null;
}) {
  return {
    queryKey: ['prices', 'resolve', p.customerId, p.productId, p.quantity, p.date] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api<PriceResultDto>('/prices/resolve', {
        query: {
          customerId: p.customerId,
          productId: p.productId,
          quantity: p.quantity,
          date: p.date,
        },
        signal,
      }),
    staleTime: 60_000,
    retry: false,
  };
}

/** One customer (shares the customers feature's cache entry). */
export function useCustomerById(id: string | undefined) {
  return useQuery({
    queryKey: ['customers', 'detail', id ?? ''],
    queryFn: ({ signal }) => api<Customer>(`/customers/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export async function searchProducts(q: string, signal: AbortSignal): Promise<Product[]> {
  const r = await api<Page<Product>>('/products', { query: { q: q || undefined, limit: 20, active: 'true' }, signal });
  return r.data;
}

export async function searchCustomers(q: string, signal: AbortSignal): Promise<Customer[]> {
  const r = await api<Page<Customer>>('/customers', { query: { q: q || undefined, limit: 20 }, signal });
  return r.data;
}

// --- Multipart upload and file downloads: the JSON client cannot send FormData nor read a binary body. ---

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function rawHeaders(csrfToken: string | null | undefined, mutating: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json, */*',
    'Accept-Language': currentLanguage(),
  };
  const company = apiConfig.getCompanyId();
  if (company) headers['Relais-Company'] = company;
  if (mutating) {
    const csrf = csrfToken ?? readCookie('relais_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  return headers;
}

async function problemOf(res: Response): Promise<ApiError> {
  let p: Partial<Problem> = {};
  try {
    p = (await res.json()) as Partial<Problem>;
  } catch {
    /* not JSON */
  }
  return new ApiError({
    type: p.type ?? 'about:blank',
    title: p.title ?? res.statusText ?? `HTTP ${res.status}`,
    status: typeof p.status === 'number' ? p.status : res.status,
    detail: p.detail,
    code: p.code ?? `http_${res.status}`,
    errors: Array.isArray(p.errors) ? p.errors : undefined,
  });
}

async function rawFetch(path: string, init: RequestInit, csrfToken?: string | null): Promise<Response> {
  const mutating = (init.method ?? 'GET') !== 'GET';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      ...init,
      credentials: 'same-origin',
      headers: rawHeaders(csrfToken, mutating),
    });
  } catch (e) {
    throw new NetworkError(e);
  }
  if (!res.ok) throw await problemOf(res);
  return res;
}

function filenameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  if (plain?.[1]) {
    try {
      return decodeURIComponent(plain[1]);
    } catch {
      return plain[1];
    }
  }
  return fallback;
}

/** Downloads an API file (with the session, company and language headers) and hands it to the browser. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await rawFetch(path, { method: 'GET' });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameFrom(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function useUploadAttachment(quoteId: string, csrfToken: string | null | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      const res = await rawFetch(
        `/quotes/${encodeURIComponent(quoteId)}/attachments`,
        { method: 'POST', body },
        csrfToken,
      );
      return (await res.json()) as QuoteAttachment;
    },
    onSuccess: (att) => {
      qc.setQueryData<Quote>(quoteKeys.detail(quoteId), (q) =>
        q ? { ...q, attachments: [...q.attachments.filter((a) => a.id !== att.id), att] } : q,
      );
      void qc.invalidateQueries({ queryKey: quoteKeys.detail(quoteId) });
    },
  });
}
