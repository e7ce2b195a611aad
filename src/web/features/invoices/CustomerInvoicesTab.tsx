import { Anchor, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CursorPager } from '@web/components/CursorPager';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import { INVOICE_STATUSES, useInvoices } from './api';
import { InvoicesTable } from './InvoicesTable';

const PAGE_SIZE = 50;
const FILTERS = ['all', ...INVOICE_STATUSES] as const;

/** « Factures » tab of a customer (GET /invoices?customerId=): every invoice and credit note, or one status. */
export function CustomerInvoicesTab({ customer }: { customer: { id: string } }) {
  const { t } = useTranslation();
  const { params, set } = useUrlParams();
  const asked = params.get('invoices') ?? 'all';
  const status = (FILTERS as readonly string[]).includes(asked) ? asked : 'all';
  const pager = useCursorPager(status);
  const q = useInvoices(
    { customerId: customer.id, status: status === 'all' ? undefined : status },
    pager.cursor,
    PAGE_SIZE,
  );
  const records = q.data?.data ?? [];
  const k = 'invoices.customerTab';
  return (
    <FormSection
      title={t(`${k}.title`)}
      description={
        <Anchor component={Link} to={`/invoices?customerId=${encodeURIComponent(customer.id)}`} size="xs">
          {t(`${k}.openList`)}
        </Anchor>
      }
      testId="customer-invoices"
      actions={
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(v) => set('invoices', v === 'all' ? null : v)}
          data={FILTERS.map((s) => ({ value: s, label: t(`invoices.list.statusFilter.${s}`) }))}
          data-testid="customer-invoices-status"
        />
      }
    >
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <InvoicesTable
            records={records}
            fetching={q.isFetching}
            withCustomer={false}
            minHeight={220}
            testId="customer-invoices-list"
            empty={q.isPending ? <span /> : <EmptyBlock title={t(`${k}.empty`)} description={t(`${k}.emptyHint`)} />}
          />
          <CursorPager
            page={pager.page}
            pageSize={PAGE_SIZE}
            count={records.length}
            nextCursor={q.data?.nextCursor}
            onNext={pager.next}
            onPrev={pager.prev}
            disabled={q.isFetching}
          />
        </>
      )}
    </FormSection>
  );
}
