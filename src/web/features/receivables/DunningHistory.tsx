import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate, formatDateTime, formatMoney } from '@web/lib/format';
import { useDunningLetters } from './api';
import { DunningLevelBadge, LetterStatusBadge } from './badges';

/** The reminders of a customer or of one invoice (GET /dunning-letters), newest first. */
export function DunningHistory({ customerId, invoiceId }: { customerId?: string; invoiceId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useDunningLetters({ customerId, invoiceId });
  const k = 'receivables.dunning';
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending)
    return (
      <Text size="sm" c="dimmed">
        {t('common.loading')}
      </Text>
    );
  const letters = [...q.data].sort((a, b) => (b.sentAt ?? b.createdAt).localeCompare(a.sentAt ?? a.createdAt));
  if (letters.length === 0)
    return invoiceId ? (
      <Text size="sm" c="dimmed" data-testid="dunning-history-empty">
        {t(`${k}.noHistory`)}
      </Text>
    ) : (
      <EmptyBlock title={t(`${k}.noHistory`)} />
    );
  return (
    <Table fz="sm" verticalSpacing={4} striped data-testid="dunning-history-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`${k}.historyColumns.date`)}</Table.Th>
          <Table.Th>{t(`${k}.historyColumns.level`)}</Table.Th>
          <Table.Th>{t(`${k}.historyColumns.channel`)}</Table.Th>
          {!invoiceId && <Table.Th>{t(`${k}.historyColumns.invoices`)}</Table.Th>}
          <Table.Th ta="right">{t(`${k}.historyColumns.total`)}</Table.Th>
          <Table.Th>{t(`${k}.historyColumns.status`)}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {letters.map((l) => (
          <Table.Tr key={l.id} data-testid={`dunning-history-${l.id}`} data-status={l.status}>
            <Table.Td className="relais-num">
              {l.sentAt ? formatDateTime(l.sentAt, lang) : formatDate(l.createdAt, lang)}
            </Table.Td>
            <Table.Td>
              <DunningLevelBadge level={l.level} name={l.levelName} size="sm" />
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {t(`${k}.channels.${l.channel}`, { defaultValue: l.channel })}
                {l.email ? (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {l.email}
                  </Text>
                ) : null}
              </Text>
            </Table.Td>
            {!invoiceId && (
              <Table.Td>
                <Group gap={6}>
                  {l.items.map((i) => (
                    <Anchor
                      key={i.invoiceId}
                      component={Link}
                      to={`/invoices/${i.invoiceId}`}
                      size="sm"
                      className="relais-num"
                    >
                      {i.number}
                    </Anchor>
                  ))}
                </Group>
              </Table.Td>
            )}
            <Table.Td ta="right" className="relais-num">
              {formatMoney(l.total, lang, l.currency)}
            </Table.Td>
            <Table.Td>
              <LetterStatusBadge status={l.status} size="sm" />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
