import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconLink, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '@web/lib/errors';
import { formatDate, formatMoney } from '@web/lib/format';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { useCustomerById } from '../quotes/api';
import { CustomerPicker, type PickedCustomer } from '../quotes/RemotePicker';
import { useMatchLine, useOpenItems, type BankLine } from './api';
import {
  AllocationsEditor,
  inputsAsAllocations,
  toInputs,
  validateInputs,
  type AmountInputs,
} from './AllocationsEditor';
import { noWriteOff, validateWriteOff, WriteOffFields, type WriteOffState } from './WriteOffFields';

interface Props {
  line: BankLine | null;
  onClose: () => void;
}

/**
 * « Rapprocher… » a bank line by hand: the customer (the suggested one to start with), what it settles among its
 * open items, and a small difference written off with a reason. It becomes a payment of that customer.
 */
export function MatchModal({ line, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={!!line}
      onClose={onClose}
      title={t('receivables.match.title')}
      size={900}
      data-testid="bank-match-modal"
    >
      {line && <MatchForm key={line.id} line={line} onClose={onClose} />}
    </Modal>
  );
}

function MatchForm({ line, onClose }: { line: BankLine; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.match';
  const s = line.suggestion;
  const [customer, setCustomer] = useState<PickedCustomer | null>(
    s?.customerId ? { id: s.customerId, code: '…', name: s.customerName ?? '…' } : null,
  );
  const full = useCustomerById(customer?.id);
  const shown = full.data && full.data.id === customer?.id ? full.data : customer;
  const items = useOpenItems(customer?.id);
  const open = (items.data ?? []).filter((i) => i.currency === line.currency);
  const [inputs, setInputs] = useState<AmountInputs>(() =>
    s?.customerId ? toInputs(Object.fromEntries(s.allocations.map((a) => [a.invoiceId, a.amount])), lang) : {},
  );
  const [writeOff, setWriteOff] = useState<WriteOffState>(() =>
    s?.writeOff
      ? {
          on: true,
          invoiceId: s.writeOff.invoiceId,
          amount: toInputs({ x: s.writeOff.amount }, lang).x ?? '',
          reason: t('receivables.writeOff.defaultReason'),
        }
      : noWriteOff,
  );
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const match = useMatchLine(line.id);

  const submit = () => {
    const next: Errors = {};
    if (!customer) next.customer = t('validation.required');
    const v = validateInputs(inputs, open, t, lang);
    const w = validateWriteOff(writeOff, t);
    Object.assign(next, v.errors, w.errors);
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length || !customer) return;
    const ids = v.allocations.map((a) => a.invoiceId);
    match.mutate(
      { customerId: customer.id, allocations: v.allocations, writeOff: w.writeOff },
      {
        onSuccess: (p) => {
          notifySuccess(t(`${k}.done`, { amount: formatMoney(p.amount, lang, p.currency), customer: p.customerName }));
          onClose();
        },
        onError: (err) => {
          const r = dialogErrors(err, t, (path) => {
            const m = /^allocations\.(\d+)\.(invoiceId|amount)$/.exec(path);
            if (m) return ids[Number(m[1])] ?? null;
            if (path === 'customerId') return 'customer';
            if (path === 'writeOff.amount') return 'writeOffAmount';
            if (path === 'writeOff.invoiceId') return 'writeOffInvoice';
            if (path === 'writeOff.reason') return 'writeOffReason';
            return null;
          });
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  return (
    <form
      noValidate
      data-testid="bank-match-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {line.label}
              </Text>
              {line.remittance.length > 0 && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {line.remittance.join(' · ')}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {[formatDate(line.bookingDate, lang), line.payerName, line.payerIban].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Text fw={700} className="relais-num" data-testid="bank-match-amount">
              {formatMoney(line.amount, lang, line.currency)}
            </Text>
          </Group>
        </Paper>
        <CustomerPicker
          label={t(`${k}.customer`)}
          value={shown}
          onChange={(c) => {
            setCustomer(c);
            setInputs({});
            setWriteOff(noWriteOff);
            setErrors({});
          }}
          error={errors.customer}
          testId="bank-match-customer"
          rightSection={
            customer ? (
              <IconX
                size={14}
                style={{ cursor: 'pointer' }}
                onClick={() => setCustomer(null)}
                aria-label={t('common.clear')}
              />
            ) : undefined
          }
          data-autofocus
        />
        {customer ? (
          <AllocationsEditor
            items={open}
            loading={items.isPending}
            inputs={inputs}
            onChange={(next) => {
              setInputs(next);
              setErrors({});
            }}
            errors={errors}
            amount={line.amount}
            currency={line.currency}
            testId="bank-match-items"
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t(`${k}.chooseCustomer`)}
          </Text>
        )}
        {customer && open.length > 0 && (
          <WriteOffFields
            value={writeOff}
            onChange={setWriteOff}
            items={open}
            allocations={inputsAsAllocations(inputs)}
            errors={errors}
          />
        )}
        <Text size="xs" c="dimmed">
          {t(`${k}.unallocatedHint`)}
        </Text>
        <GeneralErrors messages={general} testId="bank-match-error" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={match.isPending}
            leftSection={<IconLink size={16} />}
            data-testid="bank-match-submit"
          >
            {t(`${k}.submit`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
