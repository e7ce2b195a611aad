import { Button, Chip, Group, Paper, Stack } from '@mantine/core';
import { IconCash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import { useCustomerById } from '../quotes/api';
import { CustomerPicker } from '../quotes/RemotePicker';
import { usePayments } from './api';
import { PaymentDetailModal } from './PaymentDetail';
import { PaymentModal } from './PaymentModal';
import { PaymentsTable } from './PaymentsTable';

const PAGE_SIZE = 50;

/** /receivables/payments — every payment, by customer or with a balance left; « Saisir un règlement ». */
export function PaymentsPage() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { params, set } = useUrlParams();
  const customerId = params.get('customerId') ?? '';
  const unallocated = params.get('unallocated') === 'true';
  const opened = params.get('payment');
  const customer = useCustomerById(customerId || undefined);
  const [creating, setCreating] = useState(false);
  const filters = { customerId: customerId || undefined, unallocated: unallocated || undefined };
  const pager = useCursorPager(JSON.stringify(filters));
  const q = usePayments(filters, pager.cursor, PAGE_SIZE);
  const records = q.data?.data ?? [];
  const filtered = !!customerId || unallocated;
  const k = 'receivables.payments';

  return (
    <Paper withBorder p="sm">
      <Stack gap="sm" mb="sm">
        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <CustomerPicker
              aria-label={t(`${k}.customer`)}
              placeholder={t(`${k}.allCustomers`)}
              value={customerId ? (customer.data ?? { id: customerId, code: '…', name: '…' }) : null}
              onChange={(c) => set('customerId', c?.id)}
              testId="payments-customer"
              w={{ base: '100%', sm: 280 }}
              rightSection={
                customerId ? (
                  <IconX
                    size={14}
                    style={{ cursor: 'pointer' }}
                    onClick={() => set('customerId', null)}
                    aria-label={t('common.clear')}
                  />
                ) : undefined
              }
            />
            <Chip
              variant="light"
              color="orange"
              checked={unallocated}
              onChange={(on) => set('unallocated', on ? 'true' : null)}
              data-testid="payments-unallocated"
            >
              {t(`${k}.onlyUnallocated`)}
            </Chip>
          </Group>
          {canEdit && (
            <Button leftSection={<IconCash size={16} />} onClick={() => setCreating(true)} data-testid="payment-new">
              {t(`${k}.new`)}
            </Button>
          )}
        </Group>
      </Stack>
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <PaymentsTable
            records={records}
            fetching={q.isFetching}
            testId="payments-list"
            onOpen={(p) => set('payment', p.id)}
            empty={
              q.isPending ? (
                <span />
              ) : (
                <EmptyBlock
                  title={filtered ? t(`${k}.noMatch`) : t(`${k}.empty`)}
                  description={filtered ? t('common.tryOtherFilters') : t(`${k}.emptyHint`)}
                />
              )
            }
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
      <PaymentModal
        opened={creating}
        onClose={() => setCreating(false)}
        customer={customer.data ?? null}
        onCreated={(p) => set('payment', p.id)}
      />
      <PaymentDetailModal id={opened} onClose={() => set('payment', null)} />
    </Paper>
  );
}
