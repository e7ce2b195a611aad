import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Order, OrderBookLine, OrderStatus } from '@shared/api/orders';
import { api, buildQuery, type QueryValue } from '@web/client/api';
import type { Page } from '@web/client/types';
import { downloadFile } from '../quotes/api';
import { ORDER_STATUSES, orderKeys } from './api';

export type { Order, OrderBookLine, OrderStatus };

/** The order book's filters, as kept in the URL and sent to GET /order-book/lines, /orders and the Excel export. */
export interface OrderBookFilters {
  q?: string;
  /** `open` (default), `all` (no status filter: the server's default for GET /orders), or statuses, comma-separated. */
  status?: string;
  customerId?: string;
  portfolioUserId?: string;
  productId?: string;
  late?: boolean;
  atRisk?: boolean;
  promisedFrom?: string;
  promisedTo?: string;
}

export interface OrderBookTotals {
  lines: number;
  orders: number;
  openNet: string;
  late: number;
  atRisk: number;
}

export interface OrderBookPage extends Page<OrderBookLine> {
  totals: OrderBookTotals;
}

/** The query string the API understands; `all` sends every status explicitly (the book defaults to `open`). */
export function filterQuery(f: OrderBookFilters): Record<string, QueryValue> {
  const status = !f.status || f.status === 'open' ? 'open' : f.status === 'all' ? ORDER_STATUSES.join(',') : f.status;
  return {
    q: f.q,
    status,
    customerId: f.customerId,
    portfolioUserId: f.portfolioUserId,
    productId: f.productId,
    late: f.late ? 'true' : undefined,
    atRisk: f.atRisk ? 'true' : undefined,
    promisedFrom: f.promisedFrom,
    promisedTo: f.promisedTo,
  };
}

export const orderBookKeys = {
  lines: (f: OrderBookFilters, cursor: string | null, limit: number) => ['orders', 'book', f, cursor, limit] as const,
  list: (f: OrderBookFilters, cursor: string | null, limit: number) => ['orders', 'list', f, cursor, limit] as const,
};

/** GET /order-book/lines: open lines, oldest promise first, with the totals of everything matching. */
export function useOrderBook(f: OrderBookFilters, cursor: string | null, limit: number) {
  return useQuery({
    queryKey: orderBookKeys.lines(f, cursor, limit),
    queryFn: ({ signal }) =>
      api<OrderBookPage>('/order-book/lines', { query: { ...filterQuery(f), cursor, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /orders with the same filters: whole orders, newest first. */
export function useOrderList(f: OrderBookFilters, cursor: string | null, limit: number, enabled = true) {
  return useQuery({
    queryKey: orderBookKeys.list(f, cursor, limit),
    queryFn: ({ signal }) => api<Page<Order>>('/orders', { query: { ...filterQuery(f), cursor, limit }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /order-book/export.xlsx with the same filters, handed to the browser as a file. */
export function downloadOrderBook(f: OrderBookFilters): Promise<void> {
  return downloadFile(`/order-book/export.xlsx${buildQuery(filterQuery(f))}`, 'carnet-de-commandes.xlsx');
}

/** POST /quotes/{id}/convert: an accepted quote becomes an order (201 Order). */
export function useConvertQuote(quoteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
    }: {
      body: { customerReference?: string; requestedDeliveryDate?: string | null };
      idempotencyKey: string;
    }) => api<Order>(`/quotes/${encodeURIComponent(quoteId)}/convert`, { method: 'POST', body, idempotencyKey }),
    onSuccess: (order) => {
      qc.setQueryData(orderKeys.detail(order.id), order);
      void qc.invalidateQueries({ queryKey: ['quotes'] });
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['audit', 'quote', quoteId] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
