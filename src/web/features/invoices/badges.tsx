import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceStatus } from './api';
import { invoiceKind, lifecycleLabel, type InvoiceKind } from './lib';

export const INVOICE_STATUS_COLOR: Record<InvoiceStatus, string> = {
  draft: 'gray',
  issued: 'teal',
  cancelled: 'red',
};

const KIND_COLOR: Record<InvoiceKind, string> = {
  invoice: 'indigo',
  credit_note: 'grape',
  down_payment: 'orange',
};

/** Invoice status: Brouillon / Émise / Annulée (`invoices.status.*`). */
export function InvoiceStatusBadge({ status, ...rest }: { status: InvoiceStatus | string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={INVOICE_STATUS_COLOR[status as InvoiceStatus] ?? 'gray'}
      data-testid="invoice-status"
      data-status={status}
      {...rest}
    >
      {t(`invoices.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Facture / Avoir / Acompte. */
export function InvoiceKindBadge({ invoice, ...rest }: { invoice: Pick<Invoice, 'type' | 'purpose'> } & BadgeProps) {
  const { t } = useTranslation();
  const kind = invoiceKind(invoice);
  return (
    <Badge variant="outline" color={KIND_COLOR[kind]} data-testid="invoice-kind" data-kind={kind} {...rest}>
      {t(`invoices.kind.${kind}`)}
    </Badge>
  );
}

const LIFECYCLE_COLOR: Record<string, string> = {
  '205': 'teal',
  '209': 'teal',
  '211': 'teal',
  '212': 'green',
  '214': 'teal',
  '206': 'yellow',
  '207': 'orange',
  '208': 'orange',
  '210': 'red',
  '213': 'red',
};

export const lifecycleColor = (code: string) => LIFECYCLE_COLOR[code] ?? 'blue';

/** The latest e-invoicing status (« 212 — Encaissée »), or nothing before any. */
export function LifecycleBadge({
  status,
  ...rest
}: { status: Invoice['lifecycleStatus'] } & Omit<BadgeProps, 'children'>) {
  const { t } = useTranslation();
  if (!status) return null;
  const label = lifecycleLabel(status.code, t, status.label);
  return (
    <Tooltip label={label} withinPortal>
      <Badge
        variant="dot"
        color={lifecycleColor(status.code)}
        data-testid="invoice-lifecycle-status"
        data-code={status.code}
        {...rest}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
