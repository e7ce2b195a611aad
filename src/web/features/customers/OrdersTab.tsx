import { Anchor, Button, Group, SegmentedControl } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import { useOrderList } from '../orders/bookApi';
import { OrdersTable } from '../orders/bookTables';
import type { CustomerFull } from './api';

const PAGE_SIZE = 50;

/** Orders of the customer (GET /orders?customerId=): the open ones by default, or all of them. */
export function OrdersTab({ customer }: { customer: CustomerFull }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { params, set } = useUrlParams();
  const status = params.get('orders') === 'all' ? 'all' : 'open';
  const pager = useCursorPager(status);
  const orders = useOrderList({ customerId: customer.id, status }, pager.cursor, PAGE_SIZE);
  const records = orders.data?.data ?? [];
  const k = 'orders.book.customerTab';
  return (
    <FormSection
      title={t(`${k}.title`)}
      description={
        <Anchor component={Link} to={`/orders?customerId=${encodeURIComponent(customer.id)}`} size="xs">
          {t(`${k}.openBook`)}
        </Anchor>
      }
      testId="customer-orders"
      actions={
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={status}
            onChange={(v) => set('orders', v === 'all' ? 'all' : null)}
            data={[
              { value: 'open', label: t(`${k}.open`) },
              { value: 'all', label: t(`${k}.all`) },
            ]}
            data-testid="customer-orders-status"
          />
          {canEdit && (
            <Button
              size="xs"
              component={Link}
              to={`/orders/new?customerId=${encodeURIComponent(customer.id)}`}
              leftSection={<IconPlus size={14} />}
              data-testid="customer-order-new"
            >
              {t(`${k}.new`)}
            </Button>
          )}
        </Group>
      }
    >
      {orders.isError && !orders.data ? (
        <QueryError error={orders.error} onRetry={() => void orders.refetch()} />
      ) : (
        <>
          <OrdersTable
            records={records}
            fetching={orders.isFetching}
            withCustomer={false}
            minHeight={220}
            empty={
              orders.isPending ? (
                <span />
              ) : (
                <EmptyBlock
                  title={status === 'open' ? t(`${k}.emptyOpen`) : t(`${k}.empty`)}
                  description={t(`${k}.emptyHint`)}
                />
              )
            }
          />
          <CursorPager
            page={pager.page}
            pageSize={PAGE_SIZE}
            count={records.length}
            nextCursor={orders.data?.nextCursor}
            onNext={pager.next}
            onPrev={pager.prev}
            disabled={orders.isFetching}
          />
        </>
      )}
    </FormSection>
  );
}
