import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '@web/lib/errors';
import { decimalToInput } from '@web/lib/format';
import { req } from '@web/lib/required';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { useUpdateInvoice, type Invoice, type InvoicePatchBody } from './api';
import { invoiceVatKeys, MoneyInput, splitVatKey, vatKey, VatGroupSelect } from './fields';
import { parseAmount } from './lib';

interface Row {
  key: number;
  kind: 'allowance' | 'charge';
  amount: string;
  vat: string | null;
  reason: string;
}

const MAX_ROWS = 20;

/** « Modifier le brouillon »: the note printed on the invoice and the document-level allowances and charges. */
export function DraftEditModal({
  opened,
  onClose,
  invoice: inv,
}: {
  opened: boolean;
  onClose: () => void;
  invoice: Invoice;
}) {
  const { t, i18n } = useTranslation();
  const update = useUpdateInvoice(inv.id);
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [seq, setSeq] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setNote(inv.note ?? '');
      setRows(
        inv.allowancesCharges.map((a, i) => ({
          key: i,
          kind: a.kind,
          amount: decimalToInput(a.amount, i18n.language),
          vat: vatKey(a.vatCategory, a.vatRate),
          reason: a.reason,
        })),
      );
      setSeq(inv.allowancesCharges.length);
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'invoices.edit';
  const patchRow = (key: number, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((f) => [`${key}.${f}`, undefined])) }));
  };

  const submit = () => {
    const next: Errors = {};
    const allowancesCharges: NonNullable<InvoicePatchBody['allowancesCharges']> = [];
    for (const r of rows) {
      const a = parseAmount(r.amount, t);
      if (a.error) next[`${r.key}.amount`] = a.error;
      if (!r.reason.trim()) next[`${r.key}.reason`] = t('validation.required');
      if (a.value && r.reason.trim())
        allowancesCharges.push({
          kind: r.kind,
          amount: a.value,
          reason: r.reason.trim(),
          ...(r.vat ? splitVatKey(r.vat) : {}),
        });
    }
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length) return;
    const keys = rows.map((r) => r.key);
    update.mutate(
      { note: note.trim() || null, allowancesCharges },
      {
        onSuccess: () => {
          notifySuccess(t(`${k}.done`));
          onClose();
        },
        onError: (err) => {
          const r = dialogErrors(err, t, (p) => {
            if (p === 'note') return 'note';
            const m = /^allowancesCharges\.(\d+)\.(\w+)$/.exec(p);
            const key = m ? keys[Number(m[1])] : undefined;
            if (!m || key === undefined) return null;
            const field = m[2] === 'vatRate' || m[2] === 'vatCategory' ? 'vat' : m[2];
            return `${key}.${field}`;
          });
          setErrors(r.fields);
          setGeneral(r.general);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`)} size={860}>
      <form
        noValidate
        data-testid="invoice-edit-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {t(`${k}.allowancesCharges`)}
          </Text>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              {t(`${k}.noAllowances`)}
            </Text>
          )}
          {rows.map((r, i) => (
            <Group key={r.key} gap="xs" align="flex-start" wrap="nowrap" data-testid={`invoice-edit-row-${i}`}>
              <Select
                aria-label={t(`${k}.kind`)}
                data={(['allowance', 'charge'] as const).map((v) => ({
                  value: v,
                  label: t(`invoices.allowanceKind.${v}`),
                }))}
                value={r.kind}
                onChange={(v) => v && patchRow(r.key, { kind: v as Row['kind'] })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                w={120}
                data-testid={`invoice-edit-kind-${i}`}
              />
              <TextInput
                aria-label={t(`${k}.reason`)}
                placeholder={t(`${k}.reason`)}
                {...req}
                value={r.reason}
                onChange={(e) => patchRow(r.key, { reason: e.currentTarget.value })}
                maxLength={200}
                error={errors[`${r.key}.reason`]}
                style={{ flex: 1 }}
                data-testid={`invoice-edit-reason-${i}`}
              />
              <MoneyInput
                aria-label={t(`${k}.amount`)}
                placeholder={t(`${k}.amount`)}
                currency={inv.currency}
                value={r.amount}
                onChange={(e) => patchRow(r.key, { amount: e.currentTarget.value })}
                error={errors[`${r.key}.amount`]}
                w={150}
                data-testid={`invoice-edit-amount-${i}`}
              />
              <VatGroupSelect
                invoice={inv}
                aria-label={t(`${k}.vat`)}
                value={r.vat}
                onChange={(v) => patchRow(r.key, { vat: v })}
                error={errors[`${r.key}.vat`]}
                w={130}
              />
              <Tooltip label={t(`${k}.remove`)} withinPortal>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size={36}
                  aria-label={t(`${k}.remove`)}
                  onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={rows.length >= MAX_ROWS}
              onClick={() => {
                setRows((rs) => [
                  ...rs,
                  { key: seq, kind: 'allowance', amount: '', vat: invoiceVatKeys(inv)[0] ?? null, reason: '' },
                ]);
                setSeq((s) => s + 1);
              }}
              data-testid="invoice-edit-add"
            >
              {t(`${k}.add`)}
            </Button>
          </Group>
          <Textarea
            label={t(`${k}.note`)}
            description={t(`${k}.noteHint`)}
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setErrors((x) => ({ ...x, note: undefined }));
            }}
            error={errors.note}
            data-testid="invoice-edit-note"
          />
          <GeneralErrors messages={general} testId="invoice-edit-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={update.isPending}
              leftSection={<IconDeviceFloppy size={16} />}
              data-testid="invoice-edit-submit"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
