import { Alert, Button, Grid, Group, Paper, Select, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarEvent, IconCircleCheck, IconFlask } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FormSection } from '@web/components/FormSection';
import { QueryError } from '@web/components/QueryState';
import { formatDecimal, formatMoney, intlLocale, isDecimalString, normalizeDecimalInput } from '@web/lib/format';
import { applyProblemToForm } from '@web/lib/formErrors';
import { useEvaluateRules, type RuleFinding } from './api';
import { SeverityBadge } from './RuleLine';
import { SEVERITY_COLOR, SEVERITY_RANK, todayIso, weekdayList } from './knowledge';

/** "mercredi 25 novembre 2026" — an ISO calendar date with its weekday. */
export function formatLongDate(iso: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

const days = (csv: string | number | undefined) =>
  String(csv ?? '')
    .split(',')
    .map((x) => Number.parseInt(x, 10))
    .filter((x) => x >= 1 && x <= 7);

/**
 * The finding in plain words. The server's message is used as is, except for the few codes whose raw parameters
 * (weekday numbers, ISO dates, document codes) read better formatted in the user's language.
 */
export function findingText(f: RuleFinding, t: TFunction, lang: string, currency = 'EUR'): string {
  const k = 'customerKnowledge.findings';
  const p = f.params;
  switch (f.code) {
    case 'delivery_day_not_allowed': {
      const allowed = days(p.weekdays);
      const date = formatLongDate(String(p.date ?? ''), lang);
      return allowed.length
        ? t(`${k}.deliveryDay`, { date, days: weekdayList(allowed, t) })
        : t(`${k}.deliveryDayNone`, { date });
    }
    case 'delivery_in_closing_period': {
      const args = {
        date: formatLongDate(String(p.date ?? ''), lang),
        from: formatLongDate(String(p.from ?? ''), lang),
        to: formatLongDate(String(p.to ?? ''), lang),
        label: String(p.label ?? ''),
      };
      return args.label ? t(`${k}.closingLabel`, args) : t(`${k}.closing`, args);
    }
    case 'below_min_order_amount':
      return t(`${k}.minAmount`, {
        amount: formatMoney(String(p.amount ?? ''), lang, currency),
        minimum: formatMoney(String(p.minimum ?? ''), lang, currency),
      });
    case 'below_min_order_quantity':
      return t(`${k}.minQuantity`, {
        quantity: formatDecimal(String(p.quantity ?? ''), lang),
        minimum: formatDecimal(String(p.minimum ?? ''), lang),
      });
    case 'documents_required': {
      const docs = String(p.documents ?? '')
        .split(',')
        .filter(Boolean)
        .map((d) => t(`customerKnowledge.documents.${d}`, { defaultValue: d }))
        .join(', ');
      return t(`${k}.documents`, { documents: docs, count: Number(p.copies ?? 1) });
    }
    default:
      return f.message;
  }
}

/**
 * The same refusal can come twice (the ship-to's own delivery days and a delivery-window rule saying the same):
 * show it once, keeping the most severe and the one that carries a note.
 */
export function dedupeFindings(findings: RuleFinding[], t: TFunction, lang: string, currency: string): RuleFinding[] {
  const byText = new Map<string, RuleFinding>();
  for (const f of findings) {
    const key = `${f.code}|${findingText(f, t, lang, currency)}`;
    const prev = byText.get(key);
    if (!prev) byText.set(key, f);
    else {
      const rank = (x: RuleFinding) => (SEVERITY_RANK[x.severity] ?? 3) * 2 - (x.note ? 1 : 0);
      if (rank(f) < rank(prev)) byText.set(key, f);
    }
  }
  return [...byText.values()].sort((a, b) => (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3));
}

export function FindingRow({ finding, currency }: { finding: RuleFinding; currency: string }) {
  const { t, i18n } = useTranslation();
  const color = SEVERITY_COLOR[finding.severity] ?? 'gray';
  return (
    <Paper
      withBorder
      p="xs"
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
      data-testid="finding"
      data-severity={finding.severity}
      data-code={finding.code}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <SeverityBadge severity={finding.severity} size="xs" />
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm">{findingText(finding, t, i18n.language, currency)}</Text>
          {finding.note && (
            <Text size="xs" c="dimmed" fs="italic">
              {finding.note}
            </Text>
          )}
        </div>
      </Group>
    </Paper>
  );
}

interface TesterValues {
  shipToId: string | null;
  deliveryDate: string;
  deliveryTime: string;
  orderAmount: string;
  orderQuantity: string;
  customerReference: string;
}

/** "Tester une date / une commande": POST /rules/evaluate with what the user typed, findings by severity. */
export function RuleTester({
  customerId,
  shipTos,
  currency,
}: {
  customerId: string;
  shipTos: readonly { id: string; name: string; code: string; isDefault: boolean }[];
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const evaluate = useEvaluateRules(customerId);
  const k = 'customerKnowledge.tester';
  const form = useForm<TesterValues>({
    mode: 'controlled',
    initialValues: {
      shipToId: shipTos.find((s) => s.isDefault)?.id ?? shipTos[0]?.id ?? null,
      deliveryDate: todayIso(),
      deliveryTime: '',
      orderAmount: '',
      orderQuantity: '',
      customerReference: '',
    },
    validate: {
      orderAmount: (v) =>
        v.trim() && !isDecimalString(normalizeDecimalInput(v), 2) ? t('validation.decimal', { max: 2 }) : null,
      orderQuantity: (v) =>
        v.trim() && !isDecimalString(normalizeDecimalInput(v), 3) ? t('validation.decimal', { max: 3 }) : null,
    },
  });

  const submit = form.onSubmit((v) => {
    const blank = (s: string) => (s.trim() === '' ? null : s.trim());
    evaluate.mutate(
      {
        shipToId: v.shipToId,
        deliveryDate: blank(v.deliveryDate),
        deliveryTime: blank(v.deliveryTime),
        orderAmount: v.orderAmount.trim() ? normalizeDecimalInput(v.orderAmount) : null,
        orderQuantity: v.orderQuantity.trim() ? normalizeDecimalInput(v.orderQuantity) : null,
        customerReference: v.customerReference.trim(),
      },
      { onError: (err) => applyProblemToForm(form, err) },
    );
  });

  const result = evaluate.data;
  const findings = dedupeFindings(result?.findings ?? [], t, lang, currency);
  const blocking = findings.some((f) => f.severity === 'blocking');
  const askedDate = evaluate.variables?.deliveryDate ?? null;
  const next = result?.nextAllowedDeliveryDate ?? null;

  return (
    <FormSection
      title={
        <Group gap={6}>
          <IconFlask size={18} />
          {t(`${k}.title`)}
        </Group>
      }
      description={t(`${k}.hint`)}
      testId="rule-tester"
    >
      <form onSubmit={submit} noValidate>
        <Grid gap="sm">
          <Grid.Col span={12}>
            <Select
              label={t(`${k}.shipTo`)}
              data={shipTos.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
              placeholder={shipTos.length ? undefined : t('customers.shipTo.none')}
              clearable
              data-testid="tester-shipto"
              {...form.getInputProps('shipToId')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 7 }}>
            <TextInput
              type="date"
              label={t(`${k}.date`)}
              data-testid="tester-date"
              {...form.getInputProps('deliveryDate')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <TextInput
              type="time"
              label={t(`${k}.time`)}
              data-testid="tester-time"
              {...form.getInputProps('deliveryTime')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t(`${k}.amount`)}
              inputMode="decimal"
              rightSection={currency}
              rightSectionWidth={48}
              data-testid="tester-amount"
              {...form.getInputProps('orderAmount')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t(`${k}.quantity`)}
              inputMode="decimal"
              data-testid="tester-quantity"
              {...form.getInputProps('orderQuantity')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput
              label={t(`${k}.reference`)}
              placeholder={t(`${k}.referencePlaceholder`)}
              data-testid="tester-reference"
              {...form.getInputProps('customerReference')}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="sm">
          <Button
            type="submit"
            variant="light"
            loading={evaluate.isPending}
            leftSection={<IconFlask size={16} />}
            data-testid="tester-submit"
          >
            {t(`${k}.submit`)}
          </Button>
        </Group>
      </form>

      {evaluate.isError && (
        <Stack mt="sm">
          <QueryError error={evaluate.error} />
        </Stack>
      )}

      {result && !evaluate.isPending && (
        <Stack gap="xs" mt="md" data-testid="tester-result">
          {findings.length === 0 ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck />} data-testid="tester-ok">
              {t(`${k}.noFinding`)}
            </Alert>
          ) : (
            <>
              <Text size="sm" fw={600} c={blocking ? 'red' : undefined}>
                {blocking ? t(`${k}.blocked`) : t(`${k}.passWithNotes`)}
              </Text>
              {findings.map((f, i) => (
                <FindingRow key={`${f.code}-${f.ruleId ?? 'customer'}-${i}`} finding={f} currency={currency} />
              ))}
            </>
          )}
          {askedDate && (
            <Group gap="xs" wrap="nowrap" data-testid="tester-next-date">
              <ThemeIcon size="sm" variant="light" color={next === askedDate ? 'teal' : 'indigo'}>
                <IconCalendarEvent size={14} />
              </ThemeIcon>
              <Text size="sm">
                {next === null
                  ? t(`${k}.noNextDate`)
                  : next === askedDate
                    ? t(`${k}.dateOk`, { date: formatLongDate(next, lang) })
                    : t(`${k}.nextDate`, { date: formatLongDate(next, lang) })}
              </Text>
            </Group>
          )}
        </Stack>
      )}
    </FormSection>
  );
}
