import {
  Badge,
  Button,
  Grid,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconFileTypePdf, IconLockOpen, IconPhoneCall } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { DataItem } from '@web/components/DataItem';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { formatDate, formatMoney } from '@web/lib/format';
import { req } from '@web/lib/required';
import { MoneyInput } from '../invoices/fields';
import { DateField } from '../quotes/DateField';
import type { PickedCustomer } from '../quotes/RemotePicker';
import {
  downloadStatement,
  RECEIVABLE_NOTE_KINDS,
  useAddReceivableNote,
  useCreditRelease,
  useCreditStatus,
  useReceivableNotes,
  type CreditStatus,
  type ReceivableNoteKind,
} from './api';
import { parseAmount } from './lib';

const k = 'receivables.credit';

/** The hold in words: each reason with its figures. */
function reasonText(r: CreditStatus['reasons'][number], s: CreditStatus, t: TFunction, money: (v: string) => string) {
  const p = r.params;
  const str = (v: unknown, fallback: string | number | null) =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : String(fallback ?? '');
  if (r.code === 'credit_limit_exceeded')
    return t(`${k}.reasons.credit_limit_exceeded`, {
      exposure: money(str(p.exposure, s.exposure)),
      creditLimit: money(str(p.creditLimit, s.creditLimit)),
    });
  if (r.code === 'overdue_invoices')
    return t(`${k}.reasons.overdue_invoices`, {
      oldestOverdueDays: str(p.oldestOverdueDays, s.oldestOverdueDays),
      overdueDaysLimit: str(p.overdueDaysLimit, s.overdueDaysLimit),
    });
  return t(`${k}.reasons.${r.code}`, { defaultValue: r.code });
}

/** « Encours client »: whether deliveries are held for the customer's exposure, why, and a release. */
export function CreditStatusSection({ customer }: { customer: PickedCustomer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const [releasing, setReleasing] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const q = useCreditStatus(customer.id);
  const s = q.data;
  const money = (v: string | null | undefined) =>
    v === null || v === undefined || v === '' ? '—' : formatMoney(v, lang, customer.currency ?? 'EUR');

  const statement = async () => {
    setDownloading(true);
    try {
      await downloadStatement(customer.id);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <FormSection
      title={t(`${k}.title`)}
      testId="credit-status"
      actions={
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileTypePdf size={14} />}
            loading={downloading}
            onClick={() => void statement()}
            data-testid="customer-statement-pdf"
          >
            {t(`${k}.statement`)}
          </Button>
          {canEdit && s?.onHold && (
            <Button
              size="xs"
              color="orange"
              leftSection={<IconLockOpen size={14} />}
              onClick={() => setReleasing(true)}
              data-testid="credit-release"
            >
              {t(`${k}.release`)}
            </Button>
          )}
        </Group>
      }
    >
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : !s ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Group gap="xs">
            {s.blocked ? (
              <Badge color="red" data-testid="credit-status-badge">
                {t(`${k}.blocked`)}
              </Badge>
            ) : s.onHold && s.release ? (
              <Badge color="orange" data-testid="credit-status-badge">
                {t(`${k}.released`, { date: formatDate(s.release.validUntil, lang) })}
              </Badge>
            ) : (
              <Badge color="green" data-testid="credit-status-badge">
                {t(`${k}.ok`)}
              </Badge>
            )}
            {s.release && (
              <Text size="xs" c="dimmed">
                {t(`${k}.releaseReason`, { reason: s.release.reason })}
              </Text>
            )}
          </Group>
          {s.reasons.length > 0 && (
            <Stack gap={2} data-testid="credit-status-reasons">
              {s.reasons.map((r) => (
                <Text key={r.code} size="sm" c={s.blocked ? 'red.7' : 'orange.7'}>
                  {reasonText(r, s, t, money)}
                </Text>
              ))}
            </Stack>
          )}
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            <DataItem label={t(`${k}.exposure`)} value={money(s.exposure)} testId="credit-exposure" />
            <DataItem
              label={t(`${k}.creditLimit`)}
              value={s.creditLimit === null ? t(`${k}.noLimit`) : money(s.creditLimit)}
              testId="credit-limit"
            />
            <DataItem label={t(`${k}.openInvoices`)} value={money(s.openInvoices)} />
            <DataItem label={t(`${k}.committedOrders`)} value={money(s.committedOrders)} />
            <DataItem label={t(`${k}.unallocatedPayments`)} value={money(s.unallocatedPayments)} />
            <DataItem
              label={t(`${k}.oldestOverdue`)}
              value={
                s.oldestOverdueDays === null
                  ? '—'
                  : t('common.days', { count: s.oldestOverdueDays }) +
                    ' / ' +
                    t('common.days', { count: s.overdueDaysLimit })
              }
            />
          </SimpleGrid>
        </Stack>
      )}
      <Modal opened={releasing} onClose={() => setReleasing(false)} title={t(`${k}.releaseTitle`)}>
        {releasing && <ReleaseForm customerId={customer.id} onClose={() => setReleasing(false)} />}
      </Modal>
    </FormSection>
  );
}

function ReleaseForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [validUntil, setValidUntil] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const release = useCreditRelease(customerId);
  const submit = () => {
    if (!reason.trim()) {
      setError(t('validation.required'));
      return;
    }
    release.mutate(
      { reason: reason.trim(), ...(validUntil ? { validUntil } : {}) },
      {
        onSuccess: () => {
          notifySuccess(t(`${k}.releasedDone`));
          onClose();
        },
        onError: (err) => notifyError(err, t),
      },
    );
  };
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t(`${k}.releaseHint`)}
        </Text>
        <Textarea
          label={t(`${k}.reason`)}
          {...req}
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          data-testid="credit-release-reason"
          data-autofocus
        />
        <DateField
          label={t(`${k}.validUntil`)}
          description={t(`${k}.validUntilHint`)}
          value={validUntil}
          onChange={setValidUntil}
          clearable
          data-testid="credit-release-until"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="orange" loading={release.isPending} data-testid="credit-release-submit">
            {t(`${k}.release`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const n = 'receivables.notes';

/** « Suivi »: calls, promises to pay and notes about the customer's account. */
export function ReceivableNotesSection({ customer }: { customer: PickedCustomer }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const q = useReceivableNotes(customer.id);
  const notes = q.data ?? [];
  const currency = customer.currency ?? 'EUR';
  return (
    <FormSection title={t(`${n}.title`)} testId="receivable-notes-section">
      <Stack gap="sm">
        {canEdit && <NoteForm customerId={customer.id} currency={currency} />}
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : q.isPending ? (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : notes.length === 0 ? (
          <EmptyBlock title={t(`${n}.empty`)} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table fz="sm" verticalSpacing={4} striped data-testid="receivable-notes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`${n}.date`)}</Table.Th>
                  <Table.Th>{t(`${n}.kind`)}</Table.Th>
                  <Table.Th>{t(`${n}.note`)}</Table.Th>
                  <Table.Th>{t(`${n}.promise`)}</Table.Th>
                  <Table.Th>{t(`${n}.followUp`)}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {notes.map((x) => (
                  <Table.Tr key={x.id} data-testid={`receivable-note-${x.id}`}>
                    <Table.Td className="relais-num">{formatDate(x.createdAt, lang)}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={x.kind === 'promise' ? 'teal' : 'gray'}>
                        {t(`${n}.kinds.${x.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{x.note}</Table.Td>
                    <Table.Td className="relais-num">
                      {x.promisedDate ? formatDate(x.promisedDate, lang) : ''}
                      {x.promisedAmount ? ` · ${formatMoney(x.promisedAmount, lang, currency)}` : ''}
                    </Table.Td>
                    <Table.Td className="relais-num">{x.followUpDate ? formatDate(x.followUpDate, lang) : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </FormSection>
  );
}

function NoteForm({ customerId, currency }: { customerId: string; currency: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ReceivableNoteKind>('call');
  const [note, setNote] = useState('');
  const [promisedDate, setPromisedDate] = useState<string | null>(null);
  const [promisedAmount, setPromisedAmount] = useState('');
  const [followUpDate, setFollowUpDate] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const add = useAddReceivableNote(customerId);
  const submit = () => {
    const next: Record<string, string> = {};
    if (!note.trim()) next.note = t('validation.required');
    const isPromise = kind === 'promise';
    if (isPromise && !promisedDate) next.promisedDate = t('validation.required');
    const amount = isPromise && promisedAmount.trim() ? parseAmount(promisedAmount, t) : null;
    if (amount?.error) next.promisedAmount = amount.error;
    setErrors(next);
    if (Object.keys(next).length) return;
    add.mutate(
      {
        kind,
        note: note.trim(),
        ...(isPromise && promisedDate ? { promisedDate } : {}),
        ...(amount?.value ? { promisedAmount: amount.value } : {}),
        ...(followUpDate ? { followUpDate } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t(followUpDate ? `${n}.addedWithTask` : `${n}.added`));
          setNote('');
          setPromisedDate(null);
          setPromisedAmount('');
          setFollowUpDate(null);
        },
        onError: (err) => notifyError(err, t),
      },
    );
  };
  return (
    <form
      noValidate
      data-testid="receivable-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as ReceivableNoteKind)}
          data={RECEIVABLE_NOTE_KINDS.map((x) => ({ value: x, label: t(`${n}.kinds.${x}`) }))}
          w="max-content"
          size="xs"
          data-testid="receivable-note-kind"
        />
        <Textarea
          label={t(`${n}.note`)}
          {...req}
          autosize
          minRows={1}
          maxLength={2000}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            setErrors((x) => ({ ...x, note: undefined }));
          }}
          error={errors.note}
          data-testid="receivable-note-text"
        />
        <Grid gap="sm">
          {kind === 'promise' && (
            <>
              <Grid.Col span={{ base: 6, md: 4 }}>
                <DateField
                  label={t(`${n}.promisedDate`)}
                  {...req}
                  value={promisedDate}
                  onChange={(v) => {
                    setPromisedDate(v);
                    setErrors((x) => ({ ...x, promisedDate: undefined }));
                  }}
                  error={errors.promisedDate}
                  data-testid="receivable-note-promised-date"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 4 }}>
                <MoneyInput
                  label={t(`${n}.promisedAmount`)}
                  currency={currency}
                  value={promisedAmount}
                  onChange={(e) => {
                    setPromisedAmount(e.currentTarget.value);
                    setErrors((x) => ({ ...x, promisedAmount: undefined }));
                  }}
                  error={errors.promisedAmount}
                  data-testid="receivable-note-promised-amount"
                />
              </Grid.Col>
            </>
          )}
          <Grid.Col span={{ base: 12, md: 4 }}>
            <DateField
              label={t(`${n}.followUpDate`)}
              description={t(`${n}.followUpHint`)}
              value={followUpDate}
              onChange={setFollowUpDate}
              clearable
              data-testid="receivable-note-follow-up"
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end">
          <Button
            type="submit"
            size="xs"
            leftSection={<IconPhoneCall size={14} />}
            loading={add.isPending}
            data-testid="receivable-note-add"
          >
            {t(`${n}.add`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
