import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@web/client/api';
import type { Page, Product } from '@web/client/types';

const enc = encodeURIComponent;

export interface StockLevel {
  warehouseId: string;
  warehouseCode: string;
  warehouseName: string;
  productId: string;
  onHand: string;
  reserved: string;
  available: string;
  /** Bin location in the warehouse (picking lists go by it). */
  location: string | null;
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  isDefault: boolean;
  active: boolean;
}

export type MoveKind = 'receipt' | 'adjustment' | 'issue' | 'return';

export interface StockMove {
  id: string;
  warehouseId: string;
  productId: string;
  kind: MoveKind | string;
  /** Signed: an issue or a negative adjustment is below zero. */
  quantity: string;
  /** The adjustment's reason, or the receipt's reference. */
  reason: string | null;
  /** The document that moved the stock (an order, an expected receipt…). */
  reference: { type: string; id: string; lineId?: string | null } | null;
  createdBy: string | null;
  createdAt: string;
}

export interface ExpectedReceipt {
  id: string;
  warehouseId: string;
  productId: string;
  sku: string;
  quantity: string;
  expectedDate: string;
  reference: string | null;
  status: 'open' | 'received' | 'cancelled' | string;
  createdAt: string;
}

export type ProductRef = { productId: string } | { sku: string };

export const stockKeys = {
  all: ['stock'] as const,
  levels: (f: { productId?: string; warehouseId?: string }) => ['stock', 'levels', f] as const,
  moves: (productId: string) => ['stock', 'moves', productId] as const,
  expected: (f: { productId?: string; status?: string }) => ['stock', 'expected', f] as const,
  warehouses: ['stock', 'warehouses'] as const,
  productIndex: ['stock', 'product-index'] as const,
};

export function useStockLevels(f: { productId?: string; warehouseId?: string }) {
  return useQuery({
    queryKey: stockKeys.levels(f),
    queryFn: ({ signal }) => api<{ data: StockLevel[] }>('/stock', { query: f, signal }),
    select: (r) => r.data,
  });
}

export function useWarehouses() {
  return useQuery({
    queryKey: stockKeys.warehouses,
    queryFn: ({ signal }) => api<{ data: Warehouse[] }>('/warehouses', { signal }),
    select: (r) => r.data,
    staleTime: 5 * 60_000,
  });
}

export function useStockMoves(productId: string | undefined, limit = 100) {
  return useQuery({
    queryKey: stockKeys.moves(productId ?? ''),
    queryFn: ({ signal }) =>
      api<{ data: StockMove[] }>('/stock/moves', { query: { productId: productId ?? '', limit }, signal }),
    select: (r) => r.data,
    enabled: !!productId,
  });
}

export function useExpectedReceipts(f: { productId?: string; status?: string }) {
  return useQuery({
    queryKey: stockKeys.expected(f),
    queryFn: ({ signal }) =>
      api<{ data: ExpectedReceipt[] }>('/stock/expected-receipts', {
        query: { productId: f.productId, status: f.status ?? 'open' },
        signal,
      }),
    select: (r) => r.data,
  });
}

const INDEX_PAGE = 500;
const INDEX_MAX_PAGES = 20;

/**
 * SKU and name of the products the stock lines name. GET /stock gives only product ids and GET /products has no
 * filter by ids: the catalogue is read by pages of 500 (cached), up to 10 000 products.
 */
export function useProductIndex() {
  return useQuery({
    queryKey: stockKeys.productIndex,
    queryFn: async ({ signal }) => {
      const map = new Map<string, Product>();
      let cursor: string | null = null;
      for (let i = 0; i < INDEX_MAX_PAGES; i++) {
        const page: Page<Product> = await api<Page<Product>>('/products', {
          query: { limit: INDEX_PAGE, cursor, sort: 'sku' },
          signal,
        });
        for (const p of page.data) map.set(p.id, p);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return map;
    },
    staleTime: 60_000,
  });
}

function useInvalidateStock() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: stockKeys.all });
    // A receipt may fulfil backorders and change what orders can promise.
    void qc.invalidateQueries({ queryKey: ['orders'] });
  };
}

export interface ReceiptInput {
  warehouseId?: string | null;
  reference?: string | null;
  lines: (ProductRef & { quantity: string })[];
}

export function useReceive() {
  const invalidate = useInvalidateStock();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReceiptInput; idempotencyKey: string }) =>
      api<{ warehouseId: string; lines: { productId: string; sku: string; quantity: string }[] }>('/stock/receipts', {
        method: 'POST',
        body,
        idempotencyKey,
      }),
    onSuccess: invalidate,
  });
}

export interface AdjustmentInput {
  productId: string;
  warehouseId?: string | null;
  quantity: string;
  reason: string;
}

export function useAdjust() {
  const invalidate = useInvalidateStock();
  return useMutation({
    mutationFn: (body: AdjustmentInput) => api<{ data: StockLevel[] }>('/stock/adjustments', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Sets or clears a product's bin location in a warehouse. */
export function useSetLocation() {
  const invalidate = useInvalidateStock();
  return useMutation({
    mutationFn: (body: { productId: string; warehouseId: string; location: string | null }) =>
      api<{ data: StockLevel[] }>('/stock/locations', { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export interface ExpectedReceiptInput {
  productId: string;
  warehouseId?: string | null;
  quantity: string;
  expectedDate: string;
  reference?: string | null;
}

export function useAddExpectedReceipt() {
  const invalidate = useInvalidateStock();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ExpectedReceiptInput; idempotencyKey: string }) =>
      api<ExpectedReceipt>('/stock/expected-receipts', { method: 'POST', body, idempotencyKey }),
    onSuccess: invalidate,
  });
}

export function useCloseExpectedReceipt() {
  const invalidate = useInvalidateStock();
  return useMutation({
    mutationFn: ({ id, action, quantity }: { id: string; action: 'receive' | 'cancel'; quantity?: string }) =>
      api<ExpectedReceipt>(`/stock/expected-receipts/${enc(id)}/${action}`, {
        method: 'POST',
        body: action === 'receive' && quantity ? { quantity } : {},
      }),
    onSuccess: invalidate,
  });
}
