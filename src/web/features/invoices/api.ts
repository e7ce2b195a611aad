import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  ArchivedDocument,
  DocumentFormat,
  exchangeRateInput,
  exchangeRateSchema,
  Invoice,
  InvoiceLine,
  InvoicePurpose,
  InvoiceSettings,
  InvoiceStatus,
  InvoiceType,
  InvoicingRun,
  LifecycleCode,
  LifecycleEvent,
  VatRegime,
  creditNoteCreate,
  invoiceCreate,
  invoiceIssue,
  invoiceListQuery,
  invoicePatch,
  invoiceSettingsPatch,
  invoicingRunCreate,
  lifecycleEventInput,
  lifecycleStatuses,
} from '@shared/api/invoices';
import { api, apiConfig, ApiError, buildQuery, type Problem } from '@web/client/api';
import type { Page } from '@web/client/types';
import { currentLanguage } from '@web/i18n';
import { downloadFile } from '../quotes/api';

export type {
  ArchivedDocument,
  DocumentFormat,
  Invoice,
  InvoiceLine,
  InvoicePurpose,
  InvoiceSettings,
  InvoiceStatus,
  InvoiceType,
  InvoicingRun,
  LifecycleCode,
  LifecycleEvent,
  VatRegime,
};

// Request bodies: what the client sends (defaults of the contract not yet applied).
export type InvoiceCreateBody = z.input<typeof invoiceCreate>;
export type InvoicePatchBody = z.input<typeof invoicePatch>;
export type InvoiceIssueBody = z.input<typeof invoiceIssue>;
export type CreditNoteBody = z.input<typeof creditNoteCreate>;
export type InvoicingRunBody = z.input<typeof invoicingRunCreate>;
export type LifecycleEventBody = z.input<typeof lifecycleEventInput>;
export type ExchangeRateBody = z.input<typeof exchangeRateInput>;
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;
export type InvoiceSettingsPatch = z.input<typeof invoiceSettingsPatch>;
export type InvoiceListFilters = Omit<z.input<typeof invoiceListQuery>, 'cursor' | 'limit'>;

// Plain constants: the web bundle does not pull Zod in (`satisfies` ties them to src/shared/api/invoices.ts).
export const INVOICE_STATUSES = ['draft', 'issued', 'cancelled'] as const satisfies readonly InvoiceStatus[];
export const INVOICE_TYPES = ['invoice', 'credit_note'] as const satisfies readonly InvoiceType[];
export const DOCUMENT_FORMATS = ['pdf', 'facturx', 'ubl', 'cii'] as const satisfies readonly DocumentFormat[];
/** The e-invoicing reform's lifecycle statuses, code → key (typed as the contract's map: same codes, same keys). */
export const LIFECYCLE_STATUSES: typeof lifecycleStatuses = {
  '200': 'deposited',
  '201': 'issued_by_platform',
  '202': 'received_by_platform',
  '203': 'made_available',
  '204': 'taken_over',
  '205': 'approved',
  '206': 'partially_approved',
  '207': 'disputed',
  '208': 'suspended',
  '209': 'completed',
  '210': 'refused',
  '211': 'payment_sent',
  '212': 'collected',
  '213': 'rejected',
  '214': 'endorsed',
};
export const LIFECYCLE_CODES = Object.keys(LIFECYCLE_STATUSES) as LifecycleCode[];
/** UNCL 4461 payment means offered in the settings. */
export const PAYMENT_MEANS = ['58', '30', '49', '59', '20', '48'] as const satisfies readonly NonNullable<
  InvoiceSettings['paymentMeansCode']
>[];

/** One line of GET /invoicing/due: what a run would invoice for one customer. */
export interface DueGroup {
  customerId: string;
  customerName: string;
  /** The customer's invoicing mode (per_delivery, weekly, monthly). */
  mode: string;
  deliveryCount: number;
  /** Invoices the run would make for this customer. */
  invoiceCount: number;
}
export interface DueAnswer {
  data: DueGroup[];
  deliveryCount: number;
  customerCount: number;
  invoiceCount: number;
}

export interface LifecycleImportResult {
  imported: number;
  errors: { line: number; code: string; message: string }[];
}

const enc = encodeURIComponent;

export const invoiceKeys = {
  all: ['invoices'] as const,
  list: (f: InvoiceListFilters, cursor: string | null, limit: number) =>
    ['invoices', 'list', f, cursor, limit] as const,
  detail: (id: string) => ['invoices', 'detail', id] as const,
  lifecycle: (id: string) => ['invoices', 'lifecycle', id] as const,
  due: (f: { upToDate?: string; customerId?: string }) => ['invoices', 'due', f] as const,
  runs: (cursor: string | null, limit: number) => ['invoices', 'runs', cursor, limit] as const,
  run: (id: string) => ['invoices', 'run', id] as const,
  rates: ['invoices', 'exchange-rates'] as const,
  settings: ['invoices', 'settings'] as const,
};

// ── Invoices ────────────────────────────────────────────────────────────────────────────────────────────────

export function useInvoices(f: InvoiceListFilters, cursor: string | null, limit = 50, enabled = true) {
  return useQuery({
    queryKey: invoiceKeys.list(f, cursor, limit),
    queryFn: ({ signal }) => api<Page<Invoice>>('/invoices', { query: { ...f, cursor, limit }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** How long after the issue the page waits for the background job to archive the documents. */
const DOCUMENTS_WAIT_MS = 60_000;

export function useInvoice(id: string | undefined) {
  return useQuery({
    queryKey: invoiceKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<Invoice>(`/invoices/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
    // Just issued: the documents are made by a background job; look again until they are archived.
    refetchInterval: (q) => {
      const inv = q.state.data;
      if (!inv || inv.status !== 'issued' || !inv.issuedAt || inv.documents.length >= DOCUMENT_FORMATS.length)
        return false;
      return Date.now() - Date.parse(inv.issuedAt) < DOCUMENTS_WAIT_MS ? 2000 : false;
    },
  });
}

/**
 * After any change to an invoice: the invoice itself, the lists, what it was made from (orders and deliveries show
 * what is invoiced), the invoicing preview, its history and the outbox.
 */
export function useInvoiceCacheUpdate() {
  const qc = useQueryClient();
  return (inv: Invoice) => {
    qc.setQueryData(invoiceKeys.detail(inv.id), inv);
    void qc.invalidateQueries({ queryKey: ['invoices', 'list'] });
    void qc.invalidateQueries({ queryKey: ['invoices', 'due'] });
    void qc.invalidateQueries({ queryKey: invoiceKeys.lifecycle(inv.id) });
    void qc.invalidateQueries({ queryKey: ['audit', 'invoice', inv.id] });
    if (inv.precedingInvoiceId) void qc.invalidateQueries({ queryKey: invoiceKeys.detail(inv.precedingInvoiceId) });
    void qc.invalidateQueries({ queryKey: ['orders'] });
    void qc.invalidateQueries({ queryKey: ['deliveries'] });
    void qc.invalidateQueries({ queryKey: ['mails'] });
  };
}

/** POST /invoices: a draft from deliveries, from an order's lines, or a down payment on an order. */
export function useCreateInvoice() {
  const update = useInvoiceCacheUpdate();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: InvoiceCreateBody; idempotencyKey: string }) =>
      api<Invoice>('/invoices', { method: 'POST', body, idempotencyKey }),
    onSuccess: update,
  });
}

/** PATCH /invoices/{id}: the note and the allowances/charges of a draft. */
export function useUpdateInvoice(id: string) {
  const update = useInvoiceCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InvoicePatchBody) => api<Invoice>(`/invoices/${enc(id)}`, { method: 'PATCH', body }),
    onSuccess: update,
    onError: () => void qc.invalidateQueries({ queryKey: invoiceKeys.detail(id) }),
  });
}

/** DELETE /invoices/{id}: discards a draft (what it invoiced becomes invoiceable again). */
export function useDeleteInvoice(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/invoices/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: invoiceKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: ['invoices', 'list'] });
      void qc.invalidateQueries({ queryKey: ['invoices', 'due'] });
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['deliveries'] });
    },
  });
}

/** POST /invoices/{id}/issue: numbered, documents archived, optionally e-mailed. */
export function useIssueInvoice(id: string) {
  const update = useInvoiceCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InvoiceIssueBody) => api<Invoice>(`/invoices/${enc(id)}/issue`, { method: 'POST', body }),
    onSuccess: update,
    onError: () => void qc.invalidateQueries({ queryKey: invoiceKeys.detail(id) }),
  });
}

/** POST /invoices/{id}/send (202): the e-mail goes through the outbox to the customer's invoicing address. */
export function useSendInvoice(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>(`/invoices/${enc(id)}/send`, { method: 'POST', body: {} }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: invoiceKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: ['audit', 'invoice', id] });
      void qc.invalidateQueries({ queryKey: ['mails'] });
    },
  });
}

/** POST /invoices/{id}/credit-notes: answers the credit note (issued). */
export function useCreateCreditNote(invoiceId: string) {
  const update = useInvoiceCacheUpdate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreditNoteBody; idempotencyKey: string }) =>
      api<Invoice>(`/invoices/${enc(invoiceId)}/credit-notes`, { method: 'POST', body, idempotencyKey }),
    onSuccess: (cn) => {
      update(cn);
      void qc.invalidateQueries({ queryKey: invoiceKeys.detail(invoiceId) });
      void qc.invalidateQueries({ queryKey: ['audit', 'invoice', invoiceId] });
      void qc.invalidateQueries({ queryKey: ['deliveries', 'returns'] });
    },
  });
}

// ── E-invoicing lifecycle ───────────────────────────────────────────────────────────────────────────────────

export function useLifecycle(id: string, enabled = true) {
  return useQuery({
    queryKey: invoiceKeys.lifecycle(id),
    queryFn: ({ signal }) => api<{ data: LifecycleEvent[] }>(`/invoices/${enc(id)}/lifecycle`, { signal }),
    select: (r) => r.data,
    enabled,
  });
}

export function useAddLifecycleEvent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LifecycleEventBody) =>
      api<LifecycleEvent>(`/invoices/${enc(id)}/lifecycle`, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: invoiceKeys.lifecycle(id) });
      void qc.invalidateQueries({ queryKey: invoiceKeys.detail(id) });
      void qc.invalidateQueries({ queryKey: ['invoices', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit', 'invoice', id] });
    },
  });
}

/** GET /einvoice-lifecycle/export: the statuses of the period as a CSV file. */
export function downloadLifecycleCsv(f: { from?: string; to?: string }): Promise<void> {
  return downloadFile(`/einvoice-lifecycle/export${buildQuery({ ...f })}`, 'cycle-de-vie-factures.csv');
}

/** POST /einvoice-lifecycle/import: statuses received from the platform, as CSV text. */
export function useImportLifecycle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) =>
      api<LifecycleImportResult>('/einvoice-lifecycle/import', { method: 'POST', body: { csv } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: invoiceKeys.all }),
  });
}

// ── Documents ───────────────────────────────────────────────────────────────────────────────────────────────

const EXTENSIONS: Record<DocumentFormat, string> = {
  pdf: '.pdf',
  facturx: '-facturx.pdf',
  ubl: '-ubl.xml',
  cii: '-cii.xml',
};

/** GET /invoices/{id}/{pdf|facturx|ubl|cii}, handed to the browser as a file. */
export function downloadInvoiceDocument(inv: Pick<Invoice, 'id' | 'number'>, format: DocumentFormat): Promise<void> {
  return downloadFile(`/invoices/${enc(inv.id)}/${format}`, `${inv.number ?? 'brouillon'}${EXTENSIONS[format]}`);
}

/** GET /invoices/{id}/documents/{format}: the archived copy, byte for byte. */
export function downloadArchivedDocument(id: string, doc: ArchivedDocument): Promise<void> {
  return downloadFile(`/invoices/${enc(id)}/documents/${doc.format}`, doc.fileName);
}

/**
 * Opens the PDF of a draft (watermarked preview) in a new tab. Fetched with the company and language headers (a
 * plain link would not carry them); the tab is opened at once so that the browser does not take it for a pop-up.
 */
export async function openInvoicePdf(id: string): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const headers: Record<string, string> = {
      Accept: 'application/pdf, application/problem+json',
      'Accept-Language': currentLanguage(),
    };
    const company = apiConfig.getCompanyId();
    if (company) headers['Relais-Company'] = company;
    const res = await fetch(`/api/v1/invoices/${enc(id)}/pdf`, { credentials: 'same-origin', headers });
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

// ── Invoicing runs ──────────────────────────────────────────────────────────────────────────────────────────

/** GET /invoicing/due: what a run up to this date would invoice (a preview). */
export function useInvoicingDue(f: { upToDate?: string; customerId?: string }, enabled = true) {
  return useQuery({
    queryKey: invoiceKeys.due(f),
    queryFn: ({ signal }) => api<DueAnswer>('/invoicing/due', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** POST /invoicing-runs with `background: true`: 202 and the run (running) at once. */
export function useStartRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: InvoicingRunBody; idempotencyKey: string }) =>
      api<InvoicingRun>('/invoicing-runs', { method: 'POST', body: { ...body, background: true }, idempotencyKey }),
    onSuccess: (run) => {
      qc.setQueryData(invoiceKeys.run(run.id), run);
      void qc.invalidateQueries({ queryKey: ['invoices', 'runs'] });
      // Already over (a small run, or the same request answered again): what it changed is seen at once.
      if (run.status !== 'running') invalidateAfterRun(qc);
    },
  });
}

function invalidateAfterRun(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: ['invoices', 'list'] });
  void qc.invalidateQueries({ queryKey: ['invoices', 'due'] });
  void qc.invalidateQueries({ queryKey: ['invoices', 'runs'] });
  void qc.invalidateQueries({ queryKey: ['orders'] });
  void qc.invalidateQueries({ queryKey: ['deliveries'] });
  void qc.invalidateQueries({ queryKey: ['mails'] });
}

/** GET /invoicing-runs/{id}, polled every 500 ms while it runs. */
export function useInvoicingRun(id: string | null) {
  return useQuery({
    queryKey: invoiceKeys.run(id ?? ''),
    queryFn: ({ signal }) => api<InvoicingRun>(`/invoicing-runs/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 500 : false),
  });
}

/** What a finished run changed: lists, preview, history, orders and deliveries. */
export function useRunFinished() {
  const qc = useQueryClient();
  return useCallback(() => invalidateAfterRun(qc), [qc]);
}

export function useInvoicingRuns(cursor: string | null, limit = 20) {
  return useQuery({
    queryKey: invoiceKeys.runs(cursor, limit),
    queryFn: ({ signal }) => api<Page<InvoicingRun>>('/invoicing-runs', { query: { cursor, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

// ── Exchange rates and settings ─────────────────────────────────────────────────────────────────────────────

export function useExchangeRates() {
  return useQuery({
    queryKey: invoiceKeys.rates,
    queryFn: ({ signal }) => api<{ data: ExchangeRate[] }>('/exchange-rates', { signal }),
    select: (r) => r.data,
  });
}

export function useSaveExchangeRate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExchangeRateBody) => api<ExchangeRate>('/exchange-rates', { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: invoiceKeys.rates }),
  });
}

export function useInvoiceSettings() {
  return useQuery({
    queryKey: invoiceKeys.settings,
    queryFn: ({ signal }) => api<InvoiceSettings>('/invoice-settings', { signal }),
    staleTime: 60_000,
  });
}

export function useSaveInvoiceSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InvoiceSettingsPatch) => api<InvoiceSettings>('/invoice-settings', { method: 'PATCH', body }),
    onSuccess: (s) => {
      qc.setQueryData(invoiceKeys.settings, s);
      void qc.invalidateQueries({ queryKey: ['audit', 'company'] });
    },
  });
}
