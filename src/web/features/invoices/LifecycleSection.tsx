import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea, ThemeIcon, Timeline } from '@mantine/core';
import { IconPlus, IconTimelineEvent } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { QueryError } from '@web/components/QueryState';
import { notifySuccess } from '@web/lib/errors';
import { formatDate, formatDateTime } from '@web/lib/format';
import { req } from '@web/lib/required';
import { DateField } from '../quotes/DateField';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors, type Errors } from '../deliveries/problems';
import { LIFECYCLE_CODES, useAddLifecycleEvent, useLifecycle, type Invoice, type LifecycleCode } from './api';
import { lifecycleColor } from './badges';
import { lifecycleLabel, todayIso } from './lib';

/** A status recorded with a date only (kept as midnight UTC): shown as that date, without a time. */
const dateOnly = (at: string) => /^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/.test(at);

/** The e-invoicing lifecycle of an issued invoice (statuses 200–214 of the reform), and a way to record one. */
export function LifecycleSection({ invoice: inv }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const q = useLifecycle(inv.id);
  const [adding, setAdding] = useState(false);
  const k = 'invoices.lifecycle';
  // Oldest first: the way the invoice went.
  const events = [...(q.data ?? [])].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));

  return (
    <FormSection
      title={
        <Group gap={6}>
          <IconTimelineEvent size={18} />
          {t(`${k}.title`)}
        </Group>
      }
      description={t(`${k}.hint`)}
      testId="invoice-lifecycle-section"
      actions={
        canEdit ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
            data-testid="invoice-lifecycle-add"
          >
            {t(`${k}.add`)}
          </Button>
        ) : undefined
      }
    >
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : events.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="invoice-lifecycle-empty">
          {q.isPending ? t('common.loading') : t(`${k}.none`)}
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={events.length - 1} data-testid="invoice-lifecycle">
          {events.map((e) => (
            <Timeline.Item
              key={e.id}
              bullet={<ThemeIcon size={22} radius="xl" color={lifecycleColor(e.code)} />}
              title={
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {lifecycleLabel(e.code, t, e.label)}
                  </Text>
                  <Badge size="xs" variant="light" color="gray">
                    {t(`${k}.source.${e.source}`, { defaultValue: e.source })}
                  </Badge>
                </Group>
              }
              data-testid={`invoice-lifecycle-${e.code}`}
            >
              <Text size="xs" c="dimmed">
                {dateOnly(e.occurredAt)
                  ? formatDate(e.occurredAt.slice(0, 10), lang)
                  : formatDateTime(e.occurredAt, lang)}
              </Text>
              {e.note && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.note}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <AddStatusModal opened={adding} onClose={() => setAdding(false)} invoice={inv} />
    </FormSection>
  );
}

function AddStatusModal({ opened, onClose, invoice: inv }: { opened: boolean; onClose: () => void; invoice: Invoice }) {
  const { t } = useTranslation();
  const add = useAddLifecycleEvent(inv.id);
  const [code, setCode] = useState<LifecycleCode | null>(null);
  const [occurredAt, setOccurredAt] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setCode(null);
      setOccurredAt(null);
      setNote('');
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'invoices.lifecycle';
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.addTitle`)}>
      <form
        noValidate
        data-testid="lifecycle-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!code) return setErrors({ code: t('validation.required') });
          add.mutate(
            // Today: the status happened now (the exact time); another day: that date.
            { code, ...(occurredAt && occurredAt !== todayIso() ? { occurredAt } : {}), note: note.trim() || null },
            {
              onSuccess: (ev) => {
                notifySuccess(t(`${k}.done`, { status: lifecycleLabel(ev.code, t, ev.label) }));
                onClose();
              },
              onError: (err) => {
                const r = dialogErrors(err, t, (p) => (['code', 'occurredAt', 'note'].includes(p) ? p : null));
                setErrors(r.fields);
                setGeneral(r.general);
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Select
            label={t(`${k}.code`)}
            {...req}
            data={LIFECYCLE_CODES.map((c) => ({ value: c, label: lifecycleLabel(c, t) }))}
            value={code}
            onChange={(v) => {
              setCode(v as LifecycleCode | null);
              setErrors((x) => ({ ...x, code: undefined }));
            }}
            error={errors.code}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-testid="lifecycle-code"
            data-autofocus
          />
          <DateField
            label={t(`${k}.occurredAt`)}
            placeholder={t(`${k}.now`)}
            value={occurredAt}
            onChange={(v) => {
              setOccurredAt(v);
              setErrors((x) => ({ ...x, occurredAt: undefined }));
            }}
            clearable
            error={errors.occurredAt}
            data-testid="lifecycle-occurred-at"
          />
          <Textarea
            label={t(`${k}.note`)}
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-testid="lifecycle-note"
          />
          <GeneralErrors messages={general} testId="lifecycle-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="lifecycle-submit">
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
