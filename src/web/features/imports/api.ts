import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiConfig, ApiError, NetworkError, type Problem } from '@web/client/api';
import type { Page } from '@web/client/types';
import { currentLanguage } from '@web/i18n';
import { EXPORT_PATHS, type CommitMode, type ImportDetail, type ImportKind, type ImportSummary } from './types';

export const importKeys = {
  all: ['imports'] as const,
  list: (cursor: string | null) => ['imports', 'list', cursor] as const,
  detail: (id: string) => ['imports', 'detail', id] as const,
};

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === 'relais_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The headers api() sends, for the two calls it cannot make: a multipart upload and a binary download. */
function headers(unsafe: boolean): Record<string, string> {
  const h: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
  };
  const company = apiConfig.getCompanyId();
  if (company) h['Relais-Company'] = company;
  const csrf = unsafe ? csrfToken() : null;
  if (csrf) h['X-CSRF-Token'] = csrf;
  return h;
}

async function raw(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { credentials: 'same-origin', ...init });
  } catch (e) {
    throw new NetworkError(e);
  }
  if (!res.ok) {
    let p: Partial<Problem> = {};
    try {
      p = (await res.json()) as Partial<Problem>;
    } catch {
      /* not JSON */
    }
    throw new ApiError({
      type: p.type ?? 'about:blank',
      title: p.title ?? res.statusText,
      status: res.status,
      detail: p.detail,
      code: p.code ?? `http_${res.status}`,
      errors: p.errors,
    });
  }
  return res;
}

export async function uploadImport(kind: ImportKind, file: File): Promise<ImportDetail> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  const res = await raw('/imports', { method: 'POST', headers: headers(true), body: form });
  return (await res.json()) as ImportDetail;
}

/** Downloads an export and hands it to the browser as a file. */
export async function downloadExport(kind: ImportKind): Promise<void> {
  const res = await raw(`/exports/${EXPORT_PATHS[kind]}.xlsx`, { headers: headers(false) });
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.xlsx`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useImports(cursor: string | null) {
  return useQuery({
    queryKey: importKeys.list(cursor),
    queryFn: ({ signal }) => api<Page<ImportSummary>>('/imports', { query: { limit: 10, cursor }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A batch; polled every 500 ms while it is being written. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<ImportDetail>(`/imports/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'committing' ? 500 : false),
  });
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => uploadImport(kind, file),
    onSuccess: (b) => {
      qc.setQueryData(importKeys.detail(b.id), b);
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, mode }: { id: string; mode: CommitMode }) =>
      api<{ id: string; status: 'committing' }>(`/imports/${encodeURIComponent(id)}/commit`, {
        method: 'POST',
        body: { mode },
      }),
    onSuccess: (r, { mode }) => {
      qc.setQueryData<ImportDetail>(importKeys.detail(r.id), (b) =>
        b ? { ...b, status: 'committing', mode, processedRows: 0 } : b,
      );
      void qc.invalidateQueries({ queryKey: importKeys.detail(r.id) });
      void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
}

/** Once a batch is written, the lists it changed are stale. */
export function invalidateImported(qc: ReturnType<typeof useQueryClient>, kind: ImportKind) {
  void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
  if (kind === 'products') void qc.invalidateQueries({ queryKey: ['products'] });
  else void qc.invalidateQueries({ queryKey: ['customers'] });
  void qc.invalidateQueries({ queryKey: ['dashboard'] });
}
