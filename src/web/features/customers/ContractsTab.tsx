import { Anchor, Badge, Group, Paper, Progress, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { formatDate, formatDecimal, formatMoney, formatPercent } from '@web/lib/format';
import { useCustomerContracts, type CustomerContract, type CustomerFull } from './api';
import { ratioToPercent } from './knowledge';

export const CONTRACT_STATUS_COLOR: Record<string, string> = {
  upcoming: 'blue',
  active: 'teal',
  expired: 'gray',
  terminated: 'red',
};

/** Contracts of the customer (GET /contracts?customerId=): validity, status, renewal alert, consumption per line. */
export function ContractsTab({ customer }: { customer: CustomerFull }) {
  const { t } = useTranslation();
  const contracts = useCustomerContracts(customer.id);
  const k = 'customerKnowledge.contracts';
  return (
    <FormSection title={t(`${k}.title`)} description={t(`${k}.hint`)} testId="customer-contracts">
      {contracts.isPending ? (
        <PageSkeleton rows={4} />
      ) : contracts.isError ? (
        <QueryError error={contracts.error} onRetry={() => void contracts.refetch()} />
      ) : contracts.data.length === 0 ? (
        <EmptyBlock title={t(`${k}.empty`)} description={t(`${k}.emptyHint`)} />
      ) : (
        <Stack gap="sm">
          {contracts.data.map((c) => (
            <ContractCard key={c.id} contract={c} currency={customer.currency} />
          ))}
        </Stack>
      )}
    </FormSection>
  );
}

function ContractCard({ contract: c, currency }: { contract: CustomerContract; currency: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'customerKnowledge.contracts';
  return (
    <Paper withBorder p="sm" data-testid={`contract-${c.number}`}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <div>
          <Group gap="xs">
            <Anchor component={Link} to={`/contracts/${c.id}`} fw={600}>
              {c.number}
            </Anchor>
            <Text fw={500}>{c.title}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t(`${k}.validity`, { from: formatDate(c.validFrom, lang), to: formatDate(c.validTo, lang) })}
          </Text>
        </div>
        <Group gap={6}>
          <Badge variant="light" color={CONTRACT_STATUS_COLOR[c.status] ?? 'gray'} data-testid="contract-status">
            {t(`${k}.status.${c.status}`, { defaultValue: c.status })}
          </Badge>
          {c.renewalDue && (
            <Badge variant="filled" color="orange" leftSection={<IconAlarm size={12} />} data-testid="contract-renewal">
              {c.renewalDate ? t(`${k}.renewalOn`, { date: formatDate(c.renewalDate, lang) }) : t(`${k}.renewalDue`)}
            </Badge>
          )}
        </Group>
      </Group>
      {c.lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`${k}.noLines`)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customerKnowledge.pricing.product')}</Table.Th>
                <Table.Th ta="right">{t('customerKnowledge.pricing.unitPrice')}</Table.Th>
                <Table.Th w="40%">{t(`${k}.consumption`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.lines.map((l) => {
                const pct = l.consumptionRate ? ratioToPercent(l.consumptionRate) : null;
                // The bar's width only: the figures shown are the API's decimal strings.
                const width = pct ? Math.min(100, Number(pct)) : 0;
                return (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {l.sku}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {l.productName}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="relais-num">
                      {formatMoney(l.unitPrice, lang, currency)}
                    </Table.Td>
                    <Table.Td>
                      {l.committedQuantity ? (
                        <Tooltip
                          label={t(`${k}.consumed`, {
                            consumed: formatDecimal(l.consumedQuantity, lang),
                            committed: formatDecimal(l.committedQuantity, lang),
                          })}
                        >
                          <Stack gap={2}>
                            <Progress
                              value={width}
                              color={width >= 100 ? 'teal' : width >= 80 ? 'orange' : 'indigo'}
                              size="md"
                            />
                            <Text size="xs" c="dimmed" className="relais-num">
                              {formatDecimal(l.consumedQuantity, lang)} / {formatDecimal(l.committedQuantity, lang)} ·{' '}
                              {formatPercent(pct ?? '0', lang)}
                            </Text>
                          </Stack>
                        </Tooltip>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t(`${k}.noCommitment`, { consumed: formatDecimal(l.consumedQuantity, lang) })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
