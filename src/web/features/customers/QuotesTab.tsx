import { Badge, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate, formatMoney } from '@web/lib/format';
import { useCustomerQuotes, type CustomerFull, type CustomerQuote } from './api';

export const QUOTE_STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'teal',
  refused: 'red',
  expired: 'orange',
  cancelled: 'gray',
  converted: 'grape',
};

/** Quotes of the customer (GET /quotes?customerId=), newest first as the API gives them. */
export function QuotesTab({ customer }: { customer: CustomerFull }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { canEdit } = useAuth();
  const quotes = useCustomerQuotes(customer.id);
  const k = 'customerKnowledge.quotes';
  const records = quotes.data?.data ?? [];
  return (
    <FormSection
      title={t(`${k}.title`)}
      testId="customer-quotes"
      actions={
        canEdit && (
          <Button
            size="xs"
            component={Link}
            to={`/quotes/new?customerId=${encodeURIComponent(customer.id)}`}
            leftSection={<IconPlus size={14} />}
            data-testid="quote-new"
          >
            {t(`${k}.new`)}
          </Button>
        )
      }
    >
      {quotes.isError ? (
        <QueryError error={quotes.error} onRetry={() => void quotes.refetch()} />
      ) : (
        <DataTable<CustomerQuote>
          className="relais-clickable-rows"
          withTableBorder={false}
          striped
          highlightOnHover
          verticalSpacing={6}
          fz="sm"
          minHeight={records.length === 0 ? 220 : undefined}
          fetching={quotes.isFetching}
          records={records}
          idAccessor="id"
          onRowClick={({ record }) => navigate(`/quotes/${record.id}`)}
          customRowAttributes={(r) => ({ 'data-testid': `quote-row-${r.number}` })}
          emptyState={
            quotes.isPending ? <span /> : <EmptyBlock title={t(`${k}.empty`)} description={t(`${k}.emptyHint`)} />
          }
          columns={[
            {
              accessor: 'number',
              title: t(`${k}.number`),
              render: (q) => (
                <Text size="sm" fw={500}>
                  {q.number}
                </Text>
              ),
            },
            { accessor: 'issueDate', title: t(`${k}.date`), render: (q) => formatDate(q.issueDate, lang) },
            { accessor: 'validUntil', title: t(`${k}.validUntil`), render: (q) => formatDate(q.validUntil, lang) },
            {
              accessor: 'status',
              title: t(`${k}.statusLabel`),
              render: (q) => (
                <Badge size="sm" variant="light" color={QUOTE_STATUS_COLOR[q.status] ?? 'gray'}>
                  {t(`${k}.status.${q.status}`, { defaultValue: q.status })}
                </Badge>
              ),
            },
            {
              accessor: 'totals.net',
              title: t(`${k}.totalNet`),
              textAlign: 'right',
              cellsClassName: 'relais-num',
              render: (q) => formatMoney(q.totals.net, lang, q.currency),
            },
          ]}
        />
      )}
    </FormSection>
  );
}
