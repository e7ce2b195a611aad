import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowRight, IconShoppingCartPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Quote } from '@shared/api/quotes';
import { isApiError, newIdempotencyKey } from '@web/client/api';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { DateField } from '../quotes/DateField';
import { useConvertQuote } from './bookApi';

/**
 * On an accepted quote, « Transformer en commande »: asks for the customer's PO number and the delivery date wanted,
 * then opens the new order. On a converted quote, the link to its order.
 */
export function ConvertQuoteAction({ quote, canEdit }: { quote: Quote; canEdit: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const convert = useConvertQuote(quote.id);
  const [opened, setOpened] = useState(false);
  const [po, setPo] = useState('');
  const [date, setDate] = useState<string | null>(null);
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<{ po?: string; date?: string }>({});
  const k = 'orders.book.convert';

  if (quote.status === 'converted' && quote.orderId)
    return (
      <Button
        component={Link}
        to={`/orders/${quote.orderId}`}
        variant="light"
        rightSection={<IconArrowRight size={16} />}
        data-testid="quote-order-link"
      >
        {t(`${k}.viewOrder`)}
      </Button>
    );
  if (!canEdit || quote.status !== 'accepted') return null;

  const open = () => {
    setPo('');
    setDate(null);
    setErrors({});
    setKey(newIdempotencyKey());
    setOpened(true);
  };

  const submit = () => {
    convert.mutate(
      {
        body: { customerReference: po.trim() || undefined, requestedDeliveryDate: date },
        idempotencyKey: key,
      },
      {
        onSuccess: (order) => {
          setOpened(false);
          notifySuccess(t(`${k}.done`, { number: order.number, quote: quote.number }));
          navigate(`/orders/${order.id}`);
        },
        onError: (err) => {
          const fields = isApiError(err) && err.status === 422 ? err.fieldErrors : [];
          const poError = fields.find((f) => f.path.includes('customerReference'));
          const dateError = fields.find((f) => f.path.includes('requestedDeliveryDate'));
          if (poError || dateError) setErrors({ po: poError?.message, date: dateError?.message });
          else notifyError(err, t);
          // A refused attempt may be corrected and sent again: a new key.
          setKey(newIdempotencyKey());
        },
      },
    );
  };

  return (
    <>
      <Button
        color="indigo"
        leftSection={<IconShoppingCartPlus size={16} />}
        onClick={open}
        data-testid="quote-convert"
      >
        {t(`${k}.action`)}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t(`${k}.title`, { number: quote.number })}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
          data-testid="convert-dialog"
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t(`${k}.text`, { customer: quote.customerName })}
            </Text>
            <TextInput
              label={t(`${k}.customerReference`)}
              description={t(`${k}.customerReferenceHint`)}
              value={po}
              onChange={(e) => {
                setPo(e.currentTarget.value);
                setErrors((x) => ({ ...x, po: undefined }));
              }}
              maxLength={100}
              error={errors.po}
              data-testid="convert-po"
              data-autofocus
            />
            <DateField
              label={t(`${k}.requestedDeliveryDate`)}
              description={t(`${k}.requestedDeliveryDateHint`)}
              value={date}
              onChange={(v) => {
                setDate(v);
                setErrors((x) => ({ ...x, date: undefined }));
              }}
              clearable
              error={errors.date}
              data-testid="convert-date"
            />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                leftSection={<IconShoppingCartPlus size={16} />}
                loading={convert.isPending}
                data-testid="convert-confirm"
              >
                {t(`${k}.confirm`)}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
