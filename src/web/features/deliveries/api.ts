import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Carrier,
  CheckDateResult,
  Delivery,
  DeliveryLine,
  DeliveryReturn,
  DeliveryStatus,
  Otif,
  PlanningFinding,
  PlanningLine,
} from '@shared/api/deliveries';
import { api, apiConfig, ApiError, type Problem } from '@web/client/api';
import { currentLanguage } from '@web/i18n';

export type {
  Carrier,
  CheckDateResult,
  Delivery,
  DeliveryLine,
  DeliveryReturn,
  DeliveryStatus,
  Otif,
  PlanningFinding,
  PlanningLine,
};

// Plain constants: the web bundle does not pull Zod in (same lists as src/shared/api/deliveries.ts).
export const DELIVERY_STATUSES: DeliveryStatus[] = ['planned', 'picked', 'shipped', 'delivered', 'cancelled'];
export const INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export const SHORT_ACTIONS = ['backorder', 'cancel'] as const;
export type ShortAction = (typeof SHORT_ACTIONS)[number];
export const PARCEL_KINDS = ['parcel', 'pallet'] as const;
export type ParcelKind = (typeof PARCEL_KINDS)[number];
export const RETURN_CONDITIONS = ['resellable', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];
export const RETURN_DISPOSITIONS = ['restock', 'scrap'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

export type DeliveryCommand = 'edit' | 'pick' | 'ship' | 'pod' | 'return' | 'cancel' | 'notify';

const enc = encodeURIComponent;

export interface PlanningFilters {
  to?: string;
  customerId?: string;
  shipToId?: string;
  carrierId?: string;
  q?: string;
}

export interface DeliveryListFilters {
  status?: string;
  customerId?: string;
  orderId?: string;
  carrierId?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface CheckDateRequest {
  customerId: string;
  shipToId?: string | null;
  carrierId?: string | null;
  plannedDate: string;
  plannedTime?: string | null;
}

export const deliveryKeys = {
  all: ['deliveries'] as const,
  list: (f: DeliveryListFilters, cursor: string | null, limit: number) =>
    ['deliveries', 'list', f, cursor, limit] as const,
  detail: (id: string) => ['deliveries', 'detail', id] as const,
  planning: (f: PlanningFilters) => ['deliveries', 'planning', f] as const,
  checkDate: (r: CheckDateRequest | null) => ['deliveries', 'check-date', r] as const,
  returns: (f: { deliveryId?: string; customerId?: string }) => ['deliveries', 'returns', f] as const,
  otif: (f: { from?: string; to?: string; customerId?: string }) => ['deliveries', 'otif', f] as const,
};
export const carrierKeys = { all: ['carriers'] as const };

// ── Carriers ────────────────────────────────────────────────────────────────────────────────────────────────

export function useCarriers() {
  return useQuery({
    queryKey: carrierKeys.all,
    queryFn: ({ signal }) => api<{ data: Carrier[] }>('/carriers', { signal }),
    select: (r) => r.data,
    staleTime: 60_000,
  });
}

export interface CarrierBody {
  code: string;
  name: string;
  services: string[];
  cutoffTime: string | null;
  workingWeekdays: number[];
  nonWorkingDates: string[];
  transitTimes: { countryCode: string; postalPrefix: string | null; days: number }[];
  defaultTransitDays: number;
  trackingUrlTemplate: string | null;
  email: string | null;
  active: boolean;
}

export function useSaveCarrier(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Partial<CarrierBody>; idempotencyKey: string }) =>
      id
        ? api<Carrier>(`/carriers/${enc(id)}`, { method: 'PATCH', body })
        : api<Carrier>('/carriers', { method: 'POST', body, idempotencyKey }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: carrierKeys.all });
      void qc.invalidateQueries({ queryKey: ['audit', 'carrier', c.id] });
    },
  });
}

// ── Planning ────────────────────────────────────────────────────────────────────────────────────────────────

export function usePlanning(f: PlanningFilters, enabled = true) {
  return useQuery({
    queryKey: deliveryKeys.planning(f),
    queryFn: ({ signal }) =>
      api<{ lines: PlanningLine[]; deliveries: Delivery[] }>('/delivery-planning', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The lines of one order still to plan (for "Créer une livraison" on the order). */
export function fetchOrderPlanningLines(o: { id: string; number: string; customerId: string }, horizon: string) {
  return api<{ lines: PlanningLine[]; deliveries: Delivery[] }>('/delivery-planning', {
    // By customer (not by a search on the number, whatever the search covers), then this order's lines.
    query: { customerId: o.customerId, to: horizon },
  }).then((r) => r.lines.filter((l) => l.orderId === o.id));
}

/** POST /deliveries/check-date for what the modal shows now (null: nothing to check yet). */
export function useCheckDate(request: CheckDateRequest | null) {
  return useQuery({
    queryKey: deliveryKeys.checkDate(request),
    queryFn: ({ signal }) =>
      api<CheckDateResult>('/deliveries/check-date', { method: 'POST', body: request ?? {}, signal }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
}

// ── Deliveries ──────────────────────────────────────────────────────────────────────────────────────────────

export function useDeliveries(f: DeliveryListFilters, cursor: string | null, limit = 50, enabled = true) {
  return useQuery({
    queryKey: deliveryKeys.list(f, cursor, limit),
    queryFn: ({ signal }) =>
      api<{ data: Delivery[]; nextCursor: string | null }>('/deliveries', {
        query: { ...f, cursor, limit },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDelivery(id: string | undefined) {
  return useQuery({
    queryKey: deliveryKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<Delivery>(`/deliveries/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

/** After any change: the delivery itself, the lists, the orders it serves (quantities), stock and history. */
export function useDeliveryCacheUpdate() {
  const qc = useQueryClient();
  return (d: Delivery) => {
    qc.setQueryData(deliveryKeys.detail(d.id), d);
    void qc.invalidateQueries({ queryKey: ['deliveries', 'list'] });
    void qc.invalidateQueries({ queryKey: ['deliveries', 'planning'] });
    void qc.invalidateQueries({ queryKey: ['deliveries', 'returns'] });
    void qc.invalidateQueries({ queryKey: ['deliveries', 'otif'] });
    void qc.invalidateQueries({ queryKey: ['audit', 'delivery', d.id] });
    void qc.invalidateQueries({ queryKey: ['orders'] });
    void qc.invalidateQueries({ queryKey: ['stock'] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
    void qc.invalidateQueries({ queryKey: ['mails'] });
  };
}

export interface DeliveryBody {
  orderId?: string;
  orderIds?: string[];
  lines?: { orderLineId: string; quantity: string }[];
  plannedDate?: string;
  plannedTime?: string | null;
  carrierId?: string | null;
  carrierService?: string | null;
  incoterm?: string | null;
  incotermPlace?: string | null;
  notes?: string | null;
}

export function useCreateDelivery() {
  const update = useDeliveryCacheUpdate();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DeliveryBody; idempotencyKey: string }) =>
      api<Delivery>('/deliveries', { method: 'POST', body, idempotencyKey }),
    onSuccess: update,
  });
}

export interface DeliveryPatchBody {
  plannedDate?: string;
  plannedTime?: string | null;
  carrierId?: string | null;
  carrierService?: string | null;
  trackingNumber?: string | null;
  incoterm?: string | null;
  incotermPlace?: string | null;
  notes?: string | null;
  lines?: { id: string; quantity: string }[];
}

export function useUpdateDelivery(id: string) {
  const update = useDeliveryCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DeliveryPatchBody) => api<Delivery>(`/deliveries/${enc(id)}`, { method: 'PATCH', body }),
    onSuccess: update,
    onError: () => void qc.invalidateQueries({ queryKey: deliveryKeys.detail(id) }),
  });
}

export interface PickBody {
  lines: { deliveryLineId: string; pickedQuantity: string; shortReason?: string | null; shortAction?: ShortAction }[];
  parcels: { kind: ParcelKind; weightKg: string | null }[];
}
export interface ShipBody {
  trackingNumber?: string | null;
  notify: boolean;
}
export interface PodBody {
  deliveredOn: string;
  signatory: string;
  note: string | null;
  reservations: { deliveryLineId: string; damagedQuantity: string; missingQuantity: string; note: string }[];
  international?: boolean;
}

type CommandBody =
  | { command: 'pick'; body: PickBody }
  | { command: 'ship'; body: ShipBody }
  | { command: 'proof-of-delivery'; body: PodBody }
  | { command: 'cancel'; body: { reason: string } }
  | { command: 'notify'; body: { to?: string[] } };

/** POST /deliveries/{id}/{pick|ship|proof-of-delivery|cancel|notify}: each answers the delivery as it is now. */
export function useDeliveryCommand(id: string) {
  const update = useDeliveryCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ command, body }: CommandBody) =>
      api<Delivery>(`/deliveries/${enc(id)}/${command}`, { method: 'POST', body }),
    onSuccess: update,
    // Refused (moved by someone else…): show the delivery as it is now.
    onError: () => void qc.invalidateQueries({ queryKey: deliveryKeys.detail(id) }),
  });
}

export interface ReturnBody {
  receivedOn?: string;
  note: string | null;
  lines: {
    deliveryLineId: string;
    quantity: string;
    reason: string;
    condition: ReturnCondition;
    disposition: ReturnDisposition;
  }[];
}

export function useCreateReturn(delivery: Delivery) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReturnBody; idempotencyKey: string }) =>
      api<DeliveryReturn>(`/deliveries/${enc(delivery.id)}/returns`, { method: 'POST', body, idempotencyKey }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: deliveryKeys.detail(delivery.id) });
      void qc.invalidateQueries({ queryKey: ['deliveries', 'returns'] });
      void qc.invalidateQueries({ queryKey: ['audit', 'delivery', delivery.id] });
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['stock'] });
    },
  });
}

export function useReturns(f: { deliveryId?: string; customerId?: string }) {
  return useQuery({
    queryKey: deliveryKeys.returns(f),
    queryFn: ({ signal }) => api<{ data: DeliveryReturn[] }>('/returns', { query: { ...f }, signal }),
    select: (r) => r.data,
  });
}

export function useOtif(f: { from?: string; to?: string; customerId?: string }, enabled = true) {
  return useQuery({
    queryKey: deliveryKeys.otif(f),
    queryFn: ({ signal }) => api<Otif>('/deliveries/otif', { query: { ...f }, signal }),
    enabled,
    retry: false,
    staleTime: 60_000,
  });
}

export type DeliveryDocument = 'pdf' | 'picking-list.pdf' | 'labels.pdf' | 'proforma.pdf';

/**
 * Opens one of the delivery's PDFs in a new tab. Fetched with the company and language headers (a plain link would
 * not carry them); the tab is opened at once so that the browser does not take it for a pop-up.
 */
export async function openDeliveryPdf(id: string, doc: DeliveryDocument): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const headers: Record<string, string> = { Accept: 'application/pdf, application/problem+json' };
    const company = apiConfig.getCompanyId();
    if (company) headers['Relais-Company'] = company;
    headers['Accept-Language'] = currentLanguage();
    const res = await fetch(`/api/v1/deliveries/${enc(id)}/${doc}`, { credentials: 'same-origin', headers });
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
