import { Alert, Anchor, Badge, Button, FileInput, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiConfig, ApiError, isApiError, NetworkError, type Problem } from '@web/client/api';
import { PageHeader } from '@web/components/PageHeader';
import { currentLanguage } from '@web/i18n';
import { errorMessage, errorTitle } from '@web/lib/errors';
import { formatDate } from '@web/lib/format';
import { OrderStatusBadge } from './badges';

/** The answers of POST /orders/imports/preview and POST /orders/imports (server: orders.import.ts). */
type RowError = { row: number; column: string; code: string; message: string };
type PreviewOrder = {
  customerCode: string;
  customerId: string | null;
  customerName: string | null;
  customerReference: string;
  requestedDeliveryDate: string | null;
  shipToCode: string | null;
  rows: number[];
  lines: number;
  errors: RowError[];
};
type Preview = {
  orders: PreviewOrder[];
  errors: RowError[];
  totals: { orders: number; lines: number; errors: number };
};
type Created = {
  orders: {
    id: string;
    number: string;
    status: string;
    customerCode: string;
    customerReference: string | null;
    findings: number;
  }[];
};

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === 'relais_csrf') return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** A multipart upload (the JSON client cannot send FormData), with the headers api() would send. */
async function upload<T>(path: string, file: File, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
  };
  const company = apiConfig.getCompanyId();
  if (company) headers['Relais-Company'] = company;
  const csrf = csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method: 'POST', credentials: 'same-origin', headers, body: form });
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
  return (await res.json()) as T;
}

/** An example file, built here: French headers, `;` and decimal commas in French; English ones otherwise. */
function downloadExample(lang: string) {
  const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const fr = lang.startsWith('fr');
  const frDay = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
  const rows = fr
    ? [
        ['client', 'reference', 'livraison', 'adresse', 'article', 'code client', 'quantite', 'prix', 'remise'],
        ['C001', 'PO-2026-001', frDay, 'PRINCIPAL', 'VIS-440', '', '100', '', ''],
        ['C001', 'PO-2026-001', frDay, 'PRINCIPAL', '', 'REF-CLIENT-12', '12,5', '3,20', '5'],
        ['C002', 'CMD-7781', frDay, '', 'CHEV-6', '', '40', '', ''],
      ]
    : [
        [
          'customer',
          'customerReference',
          'deliveryDate',
          'shipTo',
          'sku',
          'customerProductCode',
          'quantity',
          'unitPrice',
          'discountPercent',
        ],
        ['C001', 'PO-2026-001', day, 'PRINCIPAL', 'VIS-440', '', '100', '', ''],
        ['C001', 'PO-2026-001', day, 'PRINCIPAL', '', 'REF-CLIENT-12', '12.5', '3.20', '5'],
        ['C002', 'CMD-7781', day, '', 'CHEV-6', '', '40', '', ''],
      ];
  const sep = fr ? ';' : ',';
  const text = rows.map((r) => r.join(sep)).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fr ? 'exemple-commandes.csv' : 'example-orders.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ErrorList({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation();
  if (!errors.length) return null;
  return (
    <Stack gap={2}>
      {errors.map((e, i) => (
        <Text key={i} size="xs" c="red" data-testid="order-import-error">
          {t('ordersImport.errorAt', { row: e.row, column: t(`ordersImport.columns.${e.column}`) })} {e.message}
        </Text>
      ))}
    </Stack>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  return (
    <Table withTableBorder striped data-testid="order-import-preview">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('ordersImport.table.customer')}</Table.Th>
          <Table.Th>{t('ordersImport.table.reference')}</Table.Th>
          <Table.Th>{t('ordersImport.table.delivery')}</Table.Th>
          <Table.Th>{t('ordersImport.table.shipTo')}</Table.Th>
          <Table.Th ta="right">{t('ordersImport.table.lines')}</Table.Th>
          <Table.Th>{t('ordersImport.table.rows')}</Table.Th>
          <Table.Th>{t('ordersImport.table.check')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.orders.map((o, i) => (
          <Table.Tr key={i} bg={o.errors.length ? 'var(--mantine-color-red-light)' : undefined}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {o.customerCode}
              </Text>
              {o.customerName && (
                <Text size="xs" c="dimmed">
                  {o.customerName}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{o.customerReference}</Table.Td>
            <Table.Td>{o.requestedDeliveryDate ? formatDate(o.requestedDeliveryDate, i18n.language) : '—'}</Table.Td>
            <Table.Td>{o.shipToCode ?? t('ordersImport.table.defaultShipTo')}</Table.Td>
            <Table.Td ta="right">{o.lines}</Table.Td>
            <Table.Td>{o.rows.join(', ')}</Table.Td>
            <Table.Td>
              {o.errors.length ? (
                <ErrorList errors={o.errors} />
              ) : (
                <Badge size="sm" variant="light" color="teal">
                  {t('ordersImport.table.ok')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function OrderImportPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  // One key per chosen file: a second click or a retry after a network error cannot create the orders twice.
  const [idemKey, setIdemKey] = useState<string>(() => crypto.randomUUID());
  const preview = useMutation({ mutationFn: (f: File) => upload<Preview>('/orders/imports/preview', f) });
  const commit = useMutation({
    mutationFn: (f: File) => upload<Created>('/orders/imports', f, idemKey),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });

  const choose = (f: File | null) => {
    setFile(f);
    setIdemKey(crypto.randomUUID());
    commit.reset();
    preview.reset();
    if (f) preview.mutate(f);
  };

  const p = preview.data;
  const canImport = !!file && !!p && p.totals.errors === 0 && p.totals.orders > 0 && !commit.data;
  const commitErrors = isApiError(commit.error) ? (commit.error.problem.errors ?? []) : [];

  return (
    <Stack>
      <PageHeader
        title={t('ordersImport.title')}
        subtitle={t('ordersImport.subtitle')}
        crumbs={[{ label: t('ordersImport.crumb'), to: '/orders' }, { label: t('ordersImport.title') }]}
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() => downloadExample(i18n.language)}
            data-testid="order-import-example"
          >
            {t('ordersImport.example')}
          </Button>
        }
      />
      <Paper withBorder p="md">
        <Stack>
          <FileInput
            label={t('ordersImport.file')}
            placeholder={t('ordersImport.placeholder')}
            description={t('ordersImport.columnsHint')}
            accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={16} />}
            value={file}
            onChange={choose}
            clearable
            disabled={commit.isPending}
            data-testid="order-import-file"
          />
          {preview.isPending && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm">{t('ordersImport.analysing')}</Text>
            </Group>
          )}
          {preview.isError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} title={errorTitle(preview.error, t)}>
              {errorMessage(preview.error, t)}
            </Alert>
          )}
        </Stack>
      </Paper>

      {p && !commit.data && (
        <Paper withBorder p="md">
          <Stack>
            <Group justify="space-between">
              <Text fw={500} data-testid="order-import-totals">
                {t('ordersImport.totals', { orders: p.totals.orders, lines: p.totals.lines })}
              </Text>
              {p.totals.errors > 0 ? (
                <Badge color="red" variant="light">
                  {t('ordersImport.errorCount', { count: p.totals.errors })}
                </Badge>
              ) : (
                <Badge color="teal" variant="light">
                  {t('ordersImport.ready')}
                </Badge>
              )}
            </Group>
            {p.errors.length > 0 && (
              <Alert color="red" variant="light" icon={<IconAlertCircle />} title={t('ordersImport.fileErrors')}>
                <ErrorList errors={p.errors} />
              </Alert>
            )}
            {p.orders.length > 0 && <PreviewTable preview={p} />}
            {p.totals.errors > 0 && (
              <Text size="sm" c="red">
                {t('ordersImport.fixFirst')}
              </Text>
            )}
            {commit.isError && (
              <Alert color="red" variant="light" icon={<IconAlertCircle />} title={errorTitle(commit.error, t)}>
                <Stack gap={2}>
                  <Text size="sm">{errorMessage(commit.error, t)}</Text>
                  {commitErrors.map((e, i) => (
                    <Text key={i} size="xs" c="red">
                      {e.path} — {e.message}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!canImport}
                loading={commit.isPending}
                onClick={() => file && commit.mutate(file)}
                data-testid="order-import-commit"
              >
                {t('ordersImport.import')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {commit.data && (
        <Paper withBorder p="md" data-testid="order-import-result">
          <Stack>
            <Alert color="teal" variant="light">
              {t('ordersImport.created', { count: commit.data.orders.length })}
            </Alert>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ordersImport.result.number')}</Table.Th>
                  <Table.Th>{t('ordersImport.table.customer')}</Table.Th>
                  <Table.Th>{t('ordersImport.table.reference')}</Table.Th>
                  <Table.Th>{t('ordersImport.result.status')}</Table.Th>
                  <Table.Th ta="right">{t('ordersImport.result.findings')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {commit.data.orders.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/orders/${o.id}`} size="sm">
                        {o.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{o.customerCode}</Table.Td>
                    <Table.Td>{o.customerReference ?? '—'}</Table.Td>
                    <Table.Td>
                      <OrderStatusBadge status={o.status} />
                    </Table.Td>
                    <Table.Td ta="right">{o.findings}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" c="dimmed">
              {t('ordersImport.confirmHint')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => choose(null)}>
                {t('ordersImport.another')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
