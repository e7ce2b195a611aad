import { Button } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Delivery } from '@shared/api/deliveries';
import { newIdempotencyKey } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { useCreateInvoice, useInvoices } from './api';
import { invoiceLabel } from './lib';

const INVOICEABLE = new Set(['shipped', 'delivered']);

/**
 * « Facturer » on a shipped or delivered delivery: makes the draft invoice of this delivery note and opens it. Once
 * invoiced (a draft or an issued invoice), a link to that invoice instead.
 */
export function DeliveryInvoiceButton({ delivery: d }: { delivery: Pick<Delivery, 'id' | 'number' | 'status'> }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const shipped = INVOICEABLE.has(d.status);
  const q = useInvoices({ deliveryId: d.id, type: 'invoice' }, null, 10, shipped);
  const create = useCreateInvoice();
  if (!shipped || q.isPending || q.isError) return null;
  const invoice = q.data.data.find((x) => x.status !== 'cancelled');
  if (invoice)
    return (
      <Button
        component={Link}
        to={`/invoices/${invoice.id}`}
        variant="light"
        color={invoice.status === 'draft' ? 'gray' : 'indigo'}
        leftSection={<IconFileInvoice size={16} />}
        data-testid="delivery-invoice-link"
      >
        {invoice.number
          ? t('invoices.fromDelivery.invoiced', { number: invoice.number })
          : t('invoices.fromDelivery.draft', { label: invoiceLabel(invoice, t) })}
      </Button>
    );
  if (!canEdit) return null;
  return (
    <Button
      color="indigo"
      leftSection={<IconFileInvoice size={16} />}
      loading={create.isPending}
      onClick={() =>
        create.mutate(
          { body: { deliveryIds: [d.id] }, idempotencyKey: newIdempotencyKey() },
          {
            onSuccess: (inv) => {
              notifySuccess(t('invoices.fromDelivery.done', { number: d.number }));
              navigate(`/invoices/${inv.id}`);
            },
            onError: (err) => notifyError(err, t),
          },
        )
      }
      data-testid="delivery-invoice"
    >
      {t('invoices.fromDelivery.create')}
    </Button>
  );
}
