import { Alert, Button, Group, List, Menu, Modal, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import {
  IconBan,
  IconCheck,
  IconChevronDown,
  IconEdit,
  IconFileTypePdf,
  IconMailForward,
  IconPlayerPause,
  IconPlayerPlay,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, type ProblemFieldError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { errorMessage, notifyError, notifySuccess } from '@web/lib/errors';
import { InvoiceOrderButton } from '../invoices/OrderInvoicing';
import { openAckPdf, useOrderCommand, useSendAcknowledgement, type Order, type OrderCommand } from './api';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Roles that may confirm a blocked order with a reason (permission `orders:override` on the server). */
const OVERRIDE_ROLES = new Set(['admin', 'adv_manager']);
const EDITABLE = new Set(['draft', 'to_validate', 'confirmed']);
const NO_ACK = new Set(['draft', 'to_validate', 'cancelled']);

type Dialog = 'override' | 'hold' | 'cancel' | 'ack' | null;

/** "ARC PDF", in the customer's language or another one. */
function AckPdfButton({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const open = async (lang?: 'fr' | 'en') => {
    setBusy(true);
    try {
      await openAckPdf(order.id, lang);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button.Group>
      <Button
        variant="default"
        leftSection={<IconFileTypePdf size={16} />}
        loading={busy}
        onClick={() => void open()}
        data-testid="order-ack-pdf"
      >
        {t('orders.actions.ackPdf')}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" px={6} aria-label={t('orders.actions.ackPdfLanguage')}>
            <IconChevronDown size={14} />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('orders.actions.ackPdfLanguage')}</Menu.Label>
          <Menu.Item onClick={() => void open('fr')}>{t('orders.actions.pdfFr')}</Menu.Item>
          <Menu.Item onClick={() => void open('en')}>{t('orders.actions.pdfEn')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Button.Group>
  );
}

/**
 * The commands the order allows now (`allowedCommands`) and their dialogs: confirm (with the override reason when a
 * blocking finding stands), hold, release, cancel, the acknowledgement PDF and its sending, and the edit screen.
 */
export function OrderActions({
  order,
  onBlocked,
}: {
  order: Order;
  onBlocked?: (errors: ProblemFieldError[]) => void;
}) {
  const { t } = useTranslation();
  const { canEdit, roles } = useAuth();
  const command = useOrderCommand(order.id);
  const send = useSendAcknowledgement(order.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [blockers, setBlockers] = useState<ProblemFieldError[]>([]);
  const allowed = new Set(order.allowedCommands);
  const mayOverride = roles.some((r) => OVERRIDE_ROLES.has(r));
  const busy = command.isPending || send.isPending;
  const a = 'orders.actions';

  const open = (d: Exclude<Dialog, null>) => {
    setFieldError(null);
    setDialogError(null);
    setReason('');
    if (d === 'ack') {
      setRecipients(order.contactEmail ? [order.contactEmail] : []);
      setMessage('');
    }
    setDialog(d);
  };

  const run = (cmd: OrderCommand, body?: Record<string, unknown>) =>
    command.mutate(
      { command: cmd, body },
      {
        onSuccess: () => {
          setDialog(null);
          notifySuccess(t(`${a}.done.${cmd}`, { number: order.number }));
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'order_blocked') {
            setBlockers(err.fieldErrors);
            onBlocked?.(err.fieldErrors);
            if (dialog === 'override') setDialogError(errorMessage(err, t));
            else open('override');
            return;
          }
          if (dialog && isApiError(err) && (err.status === 403 || err.status === 409 || err.status === 422)) {
            const fe = err.status === 422 ? err.fieldErrors[0] : undefined;
            if (fe) setFieldError(fe.message);
            else setDialogError(errorMessage(err, t));
            return;
          }
          notifyError(err, t);
        },
      },
    );

  const confirm = () => {
    if (order.blocked) {
      setBlockers([]);
      open('override');
    } else run('confirm');
  };

  const blockingFindings = order.findings.filter((f) => f.severity === 'blocking');
  const badRecipient = recipients.find((r) => !EMAIL_RE.test(r));

  return (
    <>
      <Group gap="xs" data-testid="order-actions">
        {canEdit && EDITABLE.has(order.status) && (
          <Button
            component={Link}
            to={`/orders/${order.id}/edit`}
            variant="default"
            leftSection={<IconEdit size={16} />}
            data-testid="order-edit"
          >
            {t('common.edit')}
          </Button>
        )}
        <AckPdfButton order={order} />
        {canEdit && !NO_ACK.has(order.status) && (
          <Button
            variant="default"
            leftSection={<IconMailForward size={16} />}
            onClick={() => open('ack')}
            data-testid="order-ack-send"
          >
            {t(`${a}.resendAck`)}
          </Button>
        )}
        <InvoiceOrderButton order={order} />
        {canEdit && allowed.has('release') && (
          <Button
            variant="light"
            leftSection={<IconPlayerPlay size={16} />}
            loading={command.isPending && command.variables?.command === 'release'}
            onClick={() => run('release')}
            data-testid="order-release"
          >
            {t(`${a}.release`)}
          </Button>
        )}
        {canEdit && allowed.has('hold') && (
          <Button
            variant="light"
            color="orange"
            leftSection={<IconPlayerPause size={16} />}
            onClick={() => open('hold')}
            data-testid="order-hold"
          >
            {t(`${a}.hold`)}
          </Button>
        )}
        {canEdit && allowed.has('cancel') && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconBan size={16} />}
            onClick={() => open('cancel')}
            data-testid="order-cancel"
          >
            {t(`${a}.cancel`)}
          </Button>
        )}
        {canEdit && allowed.has('confirm') && (
          <Button
            color={order.blocked ? 'orange' : 'teal'}
            leftSection={order.blocked ? <IconShieldCheck size={16} /> : <IconCheck size={16} />}
            loading={command.isPending && command.variables?.command === 'confirm'}
            onClick={confirm}
            data-testid="order-confirm"
          >
            {order.blocked ? t(`${a}.confirmOverride`) : t(`${a}.confirm`)}
          </Button>
        )}
      </Group>

      <Modal
        opened={dialog === 'override'}
        onClose={() => setDialog(null)}
        title={t(`${a}.overrideDialog.title`, { number: order.number })}
        size="lg"
      >
        <form
          data-testid="override-dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setFieldError(t('validation.required'));
            setDialogError(null);
            run('confirm', { overrideReason: reason.trim() });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t(`${a}.overrideDialog.text`)}</Text>
            <List size="sm" spacing={4} data-testid="override-blockers">
              {(blockingFindings.length ? blockingFindings.map((f) => f.message) : blockers.map((b) => b.message)).map(
                (m, i) => (
                  <List.Item key={i}>{m}</List.Item>
                ),
              )}
            </List>
            {!mayOverride && (
              <Alert color="gray" variant="light" p="xs" data-testid="override-not-manager">
                <Text size="sm">{t(`${a}.overrideDialog.managersOnly`)}</Text>
              </Alert>
            )}
            <Textarea
              label={t(`${a}.overrideDialog.reason`)}
              description={t(`${a}.overrideDialog.reasonHint`)}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setFieldError(null);
              }}
              error={fieldError}
              data-testid="override-reason"
              data-autofocus
            />
            {dialogError && (
              <Alert color="red" variant="light" p="xs" data-testid="override-error">
                <Text size="sm">{dialogError}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color="orange"
                loading={busy}
                leftSection={<IconShieldCheck size={16} />}
                data-testid="override-confirm"
              >
                {t(`${a}.confirmOverride`)}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={dialog === 'hold' || dialog === 'cancel'}
        onClose={() => setDialog(null)}
        title={t(`${a}.${dialog === 'cancel' ? 'cancelDialog' : 'holdDialog'}.title`, { number: order.number })}
      >
        <form
          data-testid={`${dialog}-dialog`}
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setFieldError(t('validation.required'));
            run(dialog === 'cancel' ? 'cancel' : 'hold', { reason: reason.trim() });
          }}
        >
          <Stack gap="sm">
            {dialog === 'cancel' && <Text size="sm">{t(`${a}.cancelDialog.text`)}</Text>}
            <Textarea
              label={t(`${a}.reason`)}
              description={t(`${a}.${dialog === 'cancel' ? 'cancelDialog' : 'holdDialog'}.hint`)}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setFieldError(null);
              }}
              error={fieldError}
              data-testid="reason-input"
              data-autofocus
            />
            {dialogError && (
              <Alert color="red" variant="light" p="xs">
                <Text size="sm">{dialogError}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {dialog === 'cancel' ? t(`${a}.cancelDialog.keep`) : t('common.cancel')}
              </Button>
              <Button
                type="submit"
                color={dialog === 'cancel' ? 'red' : 'orange'}
                loading={busy}
                data-testid="reason-confirm"
              >
                {dialog === 'cancel' ? t(`${a}.cancel`) : t(`${a}.hold`)}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={dialog === 'ack'}
        onClose={() => setDialog(null)}
        title={t(`${a}.ackDialog.title`, { number: order.number })}
        size="lg"
      >
        <form
          data-testid="ack-dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (recipients.length === 0) return setFieldError(t(`${a}.ackDialog.noRecipient`));
            if (badRecipient) return setFieldError(t(`${a}.ackDialog.badRecipient`, { email: badRecipient }));
            send.mutate(
              { to: recipients, message: message.trim() || null },
              {
                onSuccess: () => {
                  setDialog(null);
                  notifySuccess(t(`${a}.done.ack`, { number: order.number }));
                },
                onError: (err) => {
                  const fe = isApiError(err) && err.status === 422 ? err.fieldErrors[0] : undefined;
                  if (fe) setFieldError(fe.message);
                  else setDialogError(errorMessage(err, t));
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <TagsInput
              label={t(`${a}.ackDialog.to`)}
              description={t(`${a}.ackDialog.toHint`)}
              value={recipients}
              onChange={(v) => {
                setRecipients(v.map((x) => x.trim()).filter(Boolean));
                setFieldError(null);
              }}
              splitChars={[',', ';', ' ']}
              acceptValueOnBlur
              error={fieldError}
              data-testid="ack-to"
              data-autofocus
            />
            <Textarea
              label={t(`${a}.ackDialog.message`)}
              description={t(`${a}.ackDialog.messageHint`)}
              autosize
              minRows={3}
              maxRows={10}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              data-testid="ack-message"
            />
            <Text size="xs" c="dimmed">
              {t(`${a}.ackDialog.attachmentNote`, { number: order.number })}
            </Text>
            {dialogError && (
              <Alert color="red" variant="light" p="xs">
                <Text size="sm">{dialogError}</Text>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                leftSection={<IconMailForward size={16} />}
                loading={send.isPending}
                data-testid="ack-confirm"
              >
                {t(`${a}.sendAck`)}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
