import { Button, Checkbox, Group, Menu, Modal, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import {
  IconArrowBackUp,
  IconBan,
  IconChevronDown,
  IconClipboardCheck,
  IconClipboardList,
  IconEdit,
  IconFileTypePdf,
  IconMailForward,
  IconSignature,
  IconTruckDelivery,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { req } from '@web/lib/required';
import { DeliveryInvoiceButton } from '../invoices/DeliveryInvoiceButton';
import { openDeliveryPdf, useDeliveryCommand, type Delivery, type DeliveryDocument } from './api';
import { EditModal, PickModal, PodModal, ReturnModal } from './DeliveryModals';
import { GeneralErrors, type DialogProps } from './DialogParts';
import { dialogErrors, type Errors } from './problems';

type Dialog = 'edit' | 'pick' | 'ship' | 'pod' | 'return' | 'cancel' | 'notify' | null;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const DOCUMENTS: { doc: DeliveryDocument; key: string; testId: string; when: (d: Delivery) => boolean }[] = [
  {
    doc: 'picking-list.pdf',
    key: 'pickingList',
    testId: 'doc-picking-list',
    when: (d) => d.status !== 'cancelled',
  },
  { doc: 'pdf', key: 'deliveryNote', testId: 'doc-delivery-note', when: (d) => d.status !== 'cancelled' },
  { doc: 'labels.pdf', key: 'labels', testId: 'doc-labels', when: (d) => d.parcels.length > 0 },
  { doc: 'proforma.pdf', key: 'proforma', testId: 'doc-proforma', when: (d) => d.status !== 'cancelled' },
];

/** Opens a delivery PDF; the button shows it is working meanwhile. */
function usePdf(id: string) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<DeliveryDocument | null>(null);
  const open = async (doc: DeliveryDocument) => {
    setBusy(doc);
    try {
      await openDeliveryPdf(id, doc);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setBusy(null);
    }
  };
  return { busy, open };
}

/**
 * What can be done with the delivery now (`allowedCommands`) and its documents: edit, picking list, confirm the
 * picking, ship, delivery note, labels, pro forma, proof of delivery, return, shipping notice again, cancel.
 */
export function DeliveryActions({ delivery: d }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const allowed = new Set(canEdit ? d.allowedCommands : []);
  const pdf = usePdf(d.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const a = 'deliveries.actions';
  const docs = DOCUMENTS.filter((x) => x.when(d));

  return (
    <>
      <Group gap="xs" data-testid="delivery-actions">
        {allowed.has('edit') && (
          <Button
            variant="default"
            leftSection={<IconEdit size={16} />}
            onClick={() => setDialog('edit')}
            data-testid="delivery-edit"
          >
            {t('common.edit')}
          </Button>
        )}
        {(d.status === 'planned' || d.status === 'picked') && (
          <Button
            variant="default"
            leftSection={<IconClipboardList size={16} />}
            loading={pdf.busy === 'picking-list.pdf'}
            onClick={() => void pdf.open('picking-list.pdf')}
            data-testid="delivery-picking-pdf"
          >
            {t(`${a}.pickingList`)}
          </Button>
        )}
        {(d.status === 'picked' || d.status === 'shipped' || d.status === 'delivered') && (
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={16} />}
            loading={pdf.busy === 'pdf'}
            onClick={() => void pdf.open('pdf')}
            data-testid="delivery-note-pdf"
          >
            {t(`${a}.deliveryNote`)}
          </Button>
        )}
        {docs.length > 0 && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                rightSection={<IconChevronDown size={14} />}
                loading={pdf.busy !== null}
                data-testid="delivery-documents"
              >
                {t(`${a}.documents`)}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {docs.map((x) => (
                <Menu.Item
                  key={x.doc}
                  leftSection={<IconFileTypePdf size={14} />}
                  onClick={() => void pdf.open(x.doc)}
                  data-testid={x.testId}
                >
                  {t(`${a}.${x.key}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {allowed.has('notify') && (
          <Button
            variant="default"
            leftSection={<IconMailForward size={16} />}
            onClick={() => setDialog('notify')}
            data-testid="delivery-notify"
          >
            {t(`${a}.notify`)}
          </Button>
        )}
        {allowed.has('cancel') && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconBan size={16} />}
            onClick={() => setDialog('cancel')}
            data-testid="delivery-cancel"
          >
            {t(`${a}.cancel`)}
          </Button>
        )}
        {allowed.has('return') && (
          <Button
            variant="light"
            color="grape"
            leftSection={<IconArrowBackUp size={16} />}
            onClick={() => setDialog('return')}
            data-testid="delivery-return"
          >
            {t(`${a}.return`)}
          </Button>
        )}
        {allowed.has('pick') && (
          <Button
            color="indigo"
            leftSection={<IconClipboardCheck size={16} />}
            onClick={() => setDialog('pick')}
            data-testid="delivery-pick"
          >
            {t(`${a}.pick`)}
          </Button>
        )}
        {allowed.has('ship') && (
          <Button
            color="cyan"
            leftSection={<IconTruckDelivery size={16} />}
            onClick={() => setDialog('ship')}
            data-testid="delivery-ship"
          >
            {t(`${a}.ship`)}
          </Button>
        )}
        {allowed.has('pod') && (
          <Button
            color="teal"
            leftSection={<IconSignature size={16} />}
            onClick={() => setDialog('pod')}
            data-testid="delivery-pod"
          >
            {t(`${a}.pod`)}
          </Button>
        )}
        <DeliveryInvoiceButton delivery={d} />
      </Group>

      <EditModal opened={dialog === 'edit'} onClose={close} delivery={d} />
      <PickModal opened={dialog === 'pick'} onClose={close} delivery={d} />
      <ShipModal opened={dialog === 'ship'} onClose={close} delivery={d} />
      <PodModal opened={dialog === 'pod'} onClose={close} delivery={d} />
      <ReturnModal opened={dialog === 'return'} onClose={close} delivery={d} />
      <CancelModal opened={dialog === 'cancel'} onClose={close} delivery={d} />
      <NotifyModal opened={dialog === 'notify'} onClose={close} delivery={d} />
    </>
  );
}

/** « Expédier »: the goods leave (goods issue), with the tracking number and the shipping notice. */
function ShipModal({ opened, onClose, delivery: d }: DialogProps) {
  const { t } = useTranslation();
  const command = useDeliveryCommand(d.id);
  const [tracking, setTracking] = useState('');
  const [notify, setNotify] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setTracking(d.trackingNumber ?? '');
      setNotify(true);
      setErrors({});
      setGeneral([]);
    }
  }
  const k = 'deliveries.ship';
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: d.number })}>
      <form
        noValidate
        data-testid="ship-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          command.mutate(
            { command: 'ship', body: { trackingNumber: tracking.trim() || null, notify } },
            {
              onSuccess: (x) => {
                notifySuccess(t(`${k}.done`, { number: x.number }));
                onClose();
              },
              onError: (err) => {
                const r = dialogErrors(err, t, (p) => (p === 'trackingNumber' ? 'trackingNumber' : null));
                setErrors(r.fields);
                setGeneral(r.general);
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t(`${k}.text`, { carrier: d.carrierName ?? t('deliveries.planning.noCarrier') })}</Text>
          <TextInput
            label={t('deliveries.fields.trackingNumber')}
            description={t(`${k}.trackingHint`)}
            value={tracking}
            onChange={(e) => setTracking(e.currentTarget.value)}
            maxLength={100}
            error={errors.trackingNumber}
            data-testid="ship-tracking"
            data-autofocus
          />
          <Checkbox
            label={t(`${k}.notify`)}
            description={t(`${k}.notifyHint`)}
            checked={notify}
            onChange={(e) => setNotify(e.currentTarget.checked)}
            data-testid="ship-notify"
          />
          <GeneralErrors messages={general} testId="ship-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="cyan"
              loading={command.isPending}
              leftSection={<IconTruckDelivery size={16} />}
              data-testid="ship-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** « Annuler la livraison »: with a reason; the planned quantities go back to the order. */
function CancelModal({ opened, onClose, delivery: d }: DialogProps) {
  const { t } = useTranslation();
  const command = useDeliveryCommand(d.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setReason('');
      setError(undefined);
      setGeneral([]);
    }
  }
  const k = 'deliveries.cancel';
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: d.number })}>
      <form
        noValidate
        data-testid="cancel-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return setError(t('validation.required'));
          command.mutate(
            { command: 'cancel', body: { reason: reason.trim() } },
            {
              onSuccess: (x) => {
                notifySuccess(t(`${k}.done`, { number: x.number }));
                onClose();
              },
              onError: (err) => {
                const r = dialogErrors(err, t, (p) => (p === 'reason' ? 'reason' : null));
                setError(r.fields.reason);
                setGeneral(r.general);
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t(`${k}.text`)}</Text>
          <Textarea
            label={t(`${k}.reason`)}
            {...req}
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(undefined);
            }}
            maxLength={500}
            error={error}
            data-testid="cancel-reason"
            data-autofocus
          />
          <GeneralErrors messages={general} testId="cancel-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t(`${k}.keep`)}
            </Button>
            <Button type="submit" color="red" loading={command.isPending} data-testid="cancel-submit">
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** « Renvoyer l'avis d'expédition »: to the customer's contacts, or to the addresses given. */
function NotifyModal({ opened, onClose, delivery: d }: DialogProps) {
  const { t } = useTranslation();
  const command = useDeliveryCommand(d.id);
  const [to, setTo] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setTo([]);
      setError(undefined);
      setGeneral([]);
    }
  }
  const k = 'deliveries.notify';
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: d.number })}>
      <form
        noValidate
        data-testid="notify-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          const bad = to.find((x) => !EMAIL_RE.test(x));
          if (bad) return setError(t(`${k}.badRecipient`, { email: bad }));
          command.mutate(
            { command: 'notify', body: to.length ? { to } : {} },
            {
              onSuccess: (x) => {
                notifySuccess(t(`${k}.done`, { number: x.number }));
                onClose();
              },
              onError: (err) => {
                const r = dialogErrors(err, t, (p) => (p.startsWith('to') ? 'to' : null));
                setError(r.fields.to);
                setGeneral(r.general);
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <TagsInput
            label={t(`${k}.to`)}
            description={t(`${k}.toHint`)}
            value={to}
            onChange={(v) => {
              setTo(v.map((x) => x.trim()).filter(Boolean));
              setError(undefined);
            }}
            splitChars={[',', ';', ' ']}
            acceptValueOnBlur
            error={error}
            data-testid="notify-to"
            data-autofocus
          />
          <GeneralErrors messages={general} testId="notify-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={command.isPending}
              leftSection={<IconMailForward size={16} />}
              data-testid="notify-submit"
            >
              {t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
