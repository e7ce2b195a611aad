import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Aging,
  BankLine,
  CreditStatus,
  BankStatement,
  DunningLetter,
  DunningRun,
  OpenItem,
  Payment,
  ReceivableNote,
  allocationSchema,
  bankLineMatch,
  creditReleaseInput,
  paymentCreate,
  paymentMethods,
  receivableNoteInput,
} from '@shared/api/receivables';
import { api } from '@web/client/api';
import type { Page } from '@web/client/types';
import { downloadFile } from '../quotes/api';

export type {
  Aging,
  BankLine,
  BankStatement,
  CreditStatus,
  DunningLetter,
  DunningRun,
  OpenItem,
  Payment,
  ReceivableNote,
};

// Request bodies: what the client sends (defaults of the contract not yet applied).
export type PaymentCreateBody = z.input<typeof paymentCreate>;
export type BankLineMatchBody = z.input<typeof bankLineMatch>;
export type CreditReleaseBody = z.input<typeof creditReleaseInput>;
export type ReceivableNoteBody = z.input<typeof receivableNoteInput>;
export type ReceivableNoteKind = ReceivableNote['kind'];
export type Allocation = z.infer<typeof allocationSchema>;
export type AllocationInput = { invoiceId: string; amount: string };
export type PaymentMethod = (typeof paymentMethods)[number];
export type AgingRow = Aging['data'][number];
export type MatchSuggestion = NonNullable<BankLine['suggestion']>;

// Plain constants: the web bundle does not pull Zod in (`satisfies` ties them to src/shared/api/receivables.ts).
export const PAYMENT_METHODS = [
  'transfer',
  'direct_debit',
  'cheque',
  'card',
  'lcr',
  'cash',
  'other',
] as const satisfies readonly PaymentMethod[];

/** What POST /bank-statements(/preview) answers. */
export interface BankPreview {
  statements: BankStatement[];
}
export interface BankImport {
  statements: BankStatement[];
  lines: BankLine[];
}
export interface AcceptResult {
  lineId: string;
  paymentId: string | null;
  code: string | null;
}

const enc = encodeURIComponent;

export const receivableKeys = {
  all: ['receivables'] as const,
  payments: (f: { customerId?: string; unallocated?: boolean }, cursor: string | null, limit: number) =>
    ['receivables', 'payments', f, cursor, limit] as const,
  payment: (id: string) => ['receivables', 'payment', id] as const,
  openItems: (customerId: string) => ['receivables', 'open-items', customerId] as const,
  aging: (f: { asOf?: string; customerId?: string; portfolioUserId?: string }) => ['receivables', 'aging', f] as const,
  bankLines: (f: { status: string; statementId?: string }, cursor: string | null, limit: number) =>
    ['receivables', 'bank-lines', f, cursor, limit] as const,
  dunningRuns: (cursor: string | null, limit: number) => ['receivables', 'dunning-runs', cursor, limit] as const,
  dunningRun: (id: string) => ['receivables', 'dunning-run', id] as const,
  dunningLetters: (f: { customerId?: string; invoiceId?: string }) => ['receivables', 'dunning-letters', f] as const,
  creditStatus: (customerId: string) => ['receivables', 'credit-status', customerId] as const,
  notes: (customerId: string) => ['receivables', 'notes', customerId] as const,
};

/** After money moved (a payment, a match, an allocation): every receivables view, the invoices and the customers. */
function useMoneyMoved() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: receivableKeys.all });
    void qc.invalidateQueries({ queryKey: ['invoices'] });
    void qc.invalidateQueries({ queryKey: ['customers'] });
    void qc.invalidateQueries({ queryKey: ['audit'] });
  };
}

// ── Payments ────────────────────────────────────────────────────────────────────────────────────────────────

export function usePayments(
  f: { customerId?: string; unallocated?: boolean },
  cursor: string | null,
  limit = 50,
  enabled = true,
) {
  return useQuery({
    queryKey: receivableKeys.payments(f, cursor, limit),
    queryFn: ({ signal }) =>
      api<Page<Payment>>('/payments', {
        query: { customerId: f.customerId, unallocated: f.unallocated ? 'true' : undefined, cursor, limit },
        signal,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePayment(id: string | null | undefined) {
  return useQuery({
    queryKey: receivableKeys.payment(id ?? ''),
    queryFn: ({ signal }) => api<Payment>(`/payments/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

/** POST /payments: without allocations the server settles the oldest due invoices first. */
export function useCreatePayment() {
  const moved = useMoneyMoved();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PaymentCreateBody; idempotencyKey: string }) =>
      api<Payment>('/payments', { method: 'POST', body, idempotencyKey }),
    onSuccess: (p) => {
      qc.setQueryData(receivableKeys.payment(p.id), p);
      moved();
    },
  });
}

/** POST /payments/{id}/allocations: what a payment has left, to invoices (a credit note id = an offset). */
export function useAllocatePayment(id: string) {
  const moved = useMoneyMoved();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (allocations: AllocationInput[]) =>
      api<Payment>(`/payments/${enc(id)}/allocations`, { method: 'POST', body: { allocations } }),
    onSuccess: (p) => {
      qc.setQueryData(receivableKeys.payment(p.id), p);
      moved();
    },
  });
}

// ── Open items and aging ────────────────────────────────────────────────────────────────────────────────────

export function useOpenItems(customerId: string | null | undefined) {
  return useQuery({
    queryKey: receivableKeys.openItems(customerId ?? ''),
    queryFn: ({ signal }) =>
      api<{ data: OpenItem[] }>('/receivables/open-items', { query: { customerId: customerId ?? '' }, signal }),
    select: (r) => r.data,
    enabled: !!customerId,
  });
}

export function useAging(f: { asOf?: string; customerId?: string; portfolioUserId?: string }, enabled = true) {
  return useQuery({
    queryKey: receivableKeys.aging(f),
    queryFn: ({ signal }) => api<Aging>('/receivables/aging', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

// ── Bank statements and lines ───────────────────────────────────────────────────────────────────────────────

/** The statement file as the API takes it: its name and its bytes in base64. */
export interface BankFileBody {
  fileName: string;
  contentBase64: string;
}

export function usePreviewStatement() {
  return useMutation({
    mutationFn: (body: BankFileBody) => api<BankPreview>('/bank-statements/preview', { method: 'POST', body }),
  });
}

export function useImportStatement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BankFileBody) => api<BankImport>('/bank-statements', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['receivables', 'bank-lines'] }),
  });
}

/** The lines still to handle (unmatched and suggested), newest first. */
export const OPEN_LINE_STATUSES = 'unmatched,suggested';

export function useBankLines(f: { status: string; statementId?: string }, cursor: string | null, limit = 100) {
  return useQuery({
    queryKey: receivableKeys.bankLines(f, cursor, limit),
    queryFn: ({ signal }) => api<Page<BankLine>>('/bank-lines', { query: { ...f, cursor, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAcceptLines() {
  const moved = useMoneyMoved();
  return useMutation({
    mutationFn: (lineIds: string[]) =>
      api<{ results: AcceptResult[] }>('/bank-lines/accept', { method: 'POST', body: { lineIds } }),
    onSuccess: moved,
  });
}

export function useMatchLine(id: string) {
  const moved = useMoneyMoved();
  return useMutation({
    mutationFn: (body: BankLineMatchBody) => api<Payment>(`/bank-lines/${enc(id)}/match`, { method: 'POST', body }),
    onSuccess: moved,
  });
}

export function useIgnoreLine() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<BankLine>(`/bank-lines/${enc(id)}/ignore`, { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['receivables', 'bank-lines'] }),
  });
}

export function useRefreshSuggestions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ refreshed: number }>('/bank-lines/refresh-suggestions', { method: 'POST', body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['receivables', 'bank-lines'] }),
  });
}

// ── Dunning ─────────────────────────────────────────────────────────────────────────────────────────────────

export function useDunningRuns(cursor: string | null, limit = 20) {
  return useQuery({
    queryKey: receivableKeys.dunningRuns(cursor, limit),
    queryFn: ({ signal }) => api<Page<DunningRun>>('/dunning-runs', { query: { cursor, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDunningRun(id: string | null) {
  return useQuery({
    queryKey: receivableKeys.dunningRun(id ?? ''),
    queryFn: ({ signal }) => api<DunningRun>(`/dunning-runs/${enc(id ?? '')}`, { signal }),
    enabled: !!id,
  });
}

export function useDunningLetters(f: { customerId?: string; invoiceId?: string }, enabled = true) {
  return useQuery({
    queryKey: receivableKeys.dunningLetters(f),
    queryFn: ({ signal }) => api<{ data: DunningLetter[] }>('/dunning-letters', { query: { ...f }, signal }),
    select: (r) => r.data,
    enabled,
  });
}

function useDunningChanged() {
  const qc = useQueryClient();
  return (run?: DunningRun) => {
    if (run) qc.setQueryData(receivableKeys.dunningRun(run.id), run);
    void qc.invalidateQueries({ queryKey: ['receivables', 'dunning-runs'] });
    void qc.invalidateQueries({ queryKey: ['receivables', 'dunning-letters'] });
    void qc.invalidateQueries({ queryKey: ['mails'] });
  };
}

/** POST /dunning-runs: the letters due on that date, proposed for review (nothing is sent yet). */
export function usePrepareDunning() {
  const changed = useDunningChanged();
  return useMutation({
    mutationFn: (asOf: string | undefined) =>
      api<DunningRun>('/dunning-runs', { method: 'POST', body: asOf ? { asOf } : {} }),
    onSuccess: changed,
  });
}

/** POST /dunning-runs/{id}/send: these letters (default every proposed one) go out through the outbox. */
export function useSendDunning(runId: string) {
  const changed = useDunningChanged();
  return useMutation({
    mutationFn: (letterIds: string[] | undefined) =>
      api<DunningRun>(`/dunning-runs/${enc(runId)}/send`, {
        method: 'POST',
        body: letterIds ? { letterIds } : {},
      }),
    onSuccess: changed,
  });
}

export function useCancelLetter() {
  const changed = useDunningChanged();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (letter: DunningLetter) =>
      api<unknown>(`/dunning-letters/${enc(letter.id)}/cancel`, { method: 'POST', body: {} }),
    onSuccess: (_r, letter) => {
      void qc.invalidateQueries({ queryKey: receivableKeys.dunningRun(letter.runId) });
      changed();
    },
  });
}

// ── Credit hold, statement and follow-up notes of a customer ────────────────────────────────────────────────

export const RECEIVABLE_NOTE_KINDS = ['call', 'promise', 'note'] as const satisfies readonly ReceivableNoteKind[];

export function useCreditStatus(customerId: string) {
  return useQuery({
    queryKey: receivableKeys.creditStatus(customerId),
    queryFn: ({ signal }) => api<CreditStatus>(`/customers/${enc(customerId)}/credit-status`, { signal }),
  });
}

/** POST /customers/{id}/credit-release: deliveries go on despite the hold, until a date (403 without the right). */
export function useCreditRelease(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreditReleaseBody) =>
      api<unknown>(`/customers/${enc(customerId)}/credit-release`, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: receivableKeys.creditStatus(customerId) });
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['deliveries'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

/** GET /customers/{id}/statement.pdf: the statement of account, handed to the browser as a file. */
export function downloadStatement(customerId: string): Promise<void> {
  return downloadFile(`/customers/${enc(customerId)}/statement.pdf`, 'releve-de-compte.pdf');
}

export function useReceivableNotes(customerId: string) {
  return useQuery({
    queryKey: receivableKeys.notes(customerId),
    queryFn: ({ signal }) =>
      api<{ data: ReceivableNote[] }>(`/customers/${enc(customerId)}/receivable-notes`, { signal }),
    select: (r) => r.data,
  });
}

/** POST /customers/{id}/receivable-notes: a call, a promise to pay or a note; a follow-up date creates a task. */
export function useAddReceivableNote(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReceivableNoteBody) =>
      api<ReceivableNote>(`/customers/${enc(customerId)}/receivable-notes`, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: receivableKeys.notes(customerId) });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
