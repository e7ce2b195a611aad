import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowsSplit2, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { DataGrid, DataItem } from '@web/components/DataItem';
import { PageSkeleton, QueryError } from '@web/components/QueryState';
import { notifySuccess } from '@web/lib/errors';
import { formatDate, formatDateTime, formatMoney } from '@web/lib/format';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { useAllocatePayment, useOpenItems, usePayment, type Payment } from './api';
import { AllocationsEditor, validateInputs, type AmountInputs } from './AllocationsEditor';
import { AllocationKindBadge } from './badges';
import { isZero } from './lib';

/** A payment and what it settled, opened from a list (`id` null: closed). */
export function PaymentDetailModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={!!id} onClose={onClose} title={t('receivables.payment.detailTitle')} size={900}>
      {id && <PaymentDetail key={id} id={id} onClose={onClose} />}
    </Modal>
  );
}

function PaymentDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const q = usePayment(id);
  const [allocating, setAllocating] = useState(false);
  if (q.isPending) return <PageSkeleton rows={5} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  return allocating ? (
    <AllocateBalance payment={p} onDone={() => setAllocating(false)} />
  ) : (
    <PaymentView payment={p} onAllocate={() => setAllocating(true)} onClose={onClose} />
  );
}

export function SourceBadge({ source }: { source: Payment['source'] }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={source === 'bank' ? 'cyan' : 'gray'} data-source={source}>
      {t(`receivables.source.${source}`)}
    </Badge>
  );
}

function PaymentView({
  payment: p,
  onAllocate,
  onClose,
}: {
  payment: Payment;
  onAllocate: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { canEdit } = useAuth();
  const lang = i18n.language;
  const k = 'receivables.payment';
  const money = (v: string) => formatMoney(v, lang, p.currency);
  return (
    <Stack gap="md" data-testid="payment-detail">
      <DataGrid cols={3}>
        <DataItem
          label={t(`${k}.customer`)}
          value={
            <Anchor component={Link} to={`/customers/${p.customerId}?tab=account`} size="sm" onClick={onClose}>
              {p.customerName}
            </Anchor>
          }
        />
        <DataItem label={t(`${k}.date`)} value={formatDate(p.date, lang)} />
        <DataItem label={t(`${k}.amount`)} value={money(p.amount)} testId="payment-detail-amount" />
        <DataItem label={t(`${k}.reference`)} value={p.reference} />
        <DataItem label={t(`${k}.method`)} value={t(`receivables.methods.${p.method}`, { defaultValue: p.method })} />
        <DataItem label={t(`${k}.source`)} value={<SourceBadge source={p.source} />} />
      </DataGrid>
      {p.note && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {p.note}
        </Text>
      )}
      <Paper withBorder p="sm">
        <Text size="sm" fw={600} mb="xs">
          {t(`${k}.allocations`)}
        </Text>
        {p.allocations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t(`${k}.noAllocations`)}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped data-testid="payment-allocations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`${k}.invoice`)}</Table.Th>
                <Table.Th>{t(`${k}.kind`)}</Table.Th>
                <Table.Th ta="right">{t(`${k}.allocatedAmount`)}</Table.Th>
                <Table.Th>{t(`${k}.reason`)}</Table.Th>
                <Table.Th>{t(`${k}.at`)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.allocations.map((a) => (
                <Table.Tr key={a.id} data-testid={`payment-allocation-${a.invoiceNumber ?? a.invoiceId}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/invoices/${a.invoiceId}`}
                      size="sm"
                      className="relais-num"
                      onClick={onClose}
                    >
                      {a.invoiceNumber ?? a.invoiceId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <AllocationKindBadge kind={a.kind} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {money(a.amount)}
                  </Table.Td>
                  <Table.Td>{a.reason ?? ''}</Table.Td>
                  <Table.Td className="relais-num">{formatDateTime(a.createdAt, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end" gap="lg" mt="xs">
          <Text size="sm">
            {t(`${k}.allocatedTotal`)}{' '}
            <Text span fw={600} className="relais-num">
              {money(p.allocated)}
            </Text>
          </Text>
          <Text size="sm" c={isZero(p.unallocated) ? undefined : 'orange'}>
            {t(`${k}.unallocated`)}{' '}
            <Text span fw={600} className="relais-num" data-testid="payment-detail-unallocated">
              {money(p.unallocated)}
            </Text>
          </Text>
        </Group>
      </Paper>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t(`${k}.close`)}
        </Button>
        {canEdit && !isZero(p.unallocated) && (
          <Button leftSection={<IconArrowsSplit2 size={16} />} onClick={onAllocate} data-testid="payment-allocate">
            {t(`${k}.allocateBalance`)}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** « Affecter le solde »: what the payment has left, to the customer's open invoices (or offset a credit note). */
function AllocateBalance({ payment: p, onDone }: { payment: Payment; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.payment';
  const items = useOpenItems(p.customerId);
  const open = (items.data ?? []).filter((i) => i.currency === p.currency);
  const [inputs, setInputs] = useState<AmountInputs>({});
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const allocate = useAllocatePayment(p.id);

  const submit = () => {
    const v = validateInputs(inputs, open, t, lang);
    setErrors(v.errors);
    setGeneral([]);
    if (Object.keys(v.errors).length) return;
    if (v.allocations.length === 0) {
      setGeneral([t(`${k}.nothingChosen`)]);
      return;
    }
    const ids = v.allocations.map((a) => a.invoiceId);
    allocate.mutate(v.allocations, {
      onSuccess: (r) => {
        notifySuccess(t(`${k}.allocatedDone`, { amount: formatMoney(r.unallocated, lang, r.currency) }));
        onDone();
      },
      onError: (err) => {
        const r = dialogErrors(err, t, (path) => {
          const m = /^allocations\.(\d+)\.(invoiceId|amount)$/.exec(path);
          return m ? (ids[Number(m[1])] ?? null) : null;
        });
        setErrors(r.fields);
        setGeneral(r.general);
      },
    });
  };

  return (
    <form
      noValidate
      data-testid="payment-allocate-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {t(`${k}.allocateIntro`, {
            customer: p.customerName,
            amount: formatMoney(p.unallocated, lang, p.currency),
          })}
        </Text>
        <AllocationsEditor
          items={open}
          loading={items.isPending}
          inputs={inputs}
          onChange={(next) => {
            setInputs(next);
            setErrors({});
          }}
          errors={errors}
          amount={p.unallocated}
          currency={p.currency}
          testId="payment-allocate-items"
        />
        <GeneralErrors messages={general} testId="payment-allocate-error" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={allocate.isPending}
            leftSection={<IconCheck size={16} />}
            disabled={open.length === 0}
            data-testid="payment-allocate-submit"
          >
            {t(`${k}.allocateSubmit`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
