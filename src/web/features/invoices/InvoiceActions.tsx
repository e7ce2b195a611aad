import { Anchor, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import {
  IconEdit,
  IconEye,
  IconFileCode,
  IconFileTypePdf,
  IconMailForward,
  IconReceiptRefund,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { formatDate } from '@web/lib/format';
import { DateField } from '../quotes/DateField';
import { GeneralErrors } from '../deliveries/DialogParts';
import { dialogErrors } from '../deliveries/problems';
import {
  DOCUMENT_FORMATS,
  downloadInvoiceDocument,
  invoiceKeys,
  openInvoicePdf,
  useDeleteInvoice,
  useIssueInvoice,
  useSendInvoice,
  type DocumentFormat,
  type Invoice,
} from './api';
import { CreditNoteModal } from './CreditNoteModal';
import { DraftEditModal } from './DraftEditModal';
import { invoiceLabel } from './lib';

type Dialog = 'edit' | 'issue' | 'delete' | 'send' | 'credit' | null;

interface DialogProps {
  opened: boolean;
  onClose: () => void;
  invoice: Invoice;
}

/** Downloads one of the invoice's documents; the button shows it is working meanwhile. */
function useDocuments(inv: Invoice) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<DocumentFormat | 'preview' | null>(null);
  const run = async (what: DocumentFormat | 'preview') => {
    setBusy(what);
    try {
      if (what === 'preview') await openInvoicePdf(inv.id);
      else {
        await downloadInvoiceDocument(inv, what);
        // The first download archives the documents when the background job has not yet: show them.
        if (inv.documents.length < DOCUMENT_FORMATS.length)
          void qc.invalidateQueries({ queryKey: invoiceKeys.detail(inv.id) });
      }
    } catch (e) {
      notifyError(e, t);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

const FORMAT_ICON: Record<DocumentFormat, typeof IconFileTypePdf> = {
  pdf: IconFileTypePdf,
  facturx: IconFileTypePdf,
  ubl: IconFileCode,
  cii: IconFileCode,
};

/**
 * What can be done with the invoice now: a draft is edited, previewed, issued or discarded; an issued invoice is
 * downloaded in each format, sent again by e-mail and corrected by a credit note.
 */
export function InvoiceActions({ invoice: inv }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const docs = useDocuments(inv);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const a = 'invoices.actions';

  return (
    <>
      <Group gap="xs" data-testid="invoice-actions">
        {inv.status === 'draft' && (
          <>
            {canEdit && (
              <Button
                variant="default"
                leftSection={<IconEdit size={16} />}
                onClick={() => setDialog('edit')}
                data-testid="invoice-edit"
              >
                {t('common.edit')}
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<IconEye size={16} />}
              loading={docs.busy === 'preview'}
              onClick={() => void docs.run('preview')}
              data-testid="invoice-download-pdf"
            >
              {t(`${a}.preview`)}
            </Button>
            {canEdit && (
              <>
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setDialog('delete')}
                  data-testid="invoice-delete"
                >
                  {t(`${a}.delete`)}
                </Button>
                <Button
                  color="teal"
                  leftSection={<IconSend size={16} />}
                  onClick={() => setDialog('issue')}
                  data-testid="invoice-issue"
                >
                  {t(`${a}.issue`)}
                </Button>
              </>
            )}
          </>
        )}
        {inv.status === 'issued' && (
          <>
            <Button.Group>
              {DOCUMENT_FORMATS.map((f) => {
                const Icon = FORMAT_ICON[f];
                return (
                  <Button
                    key={f}
                    variant="default"
                    leftSection={<Icon size={16} />}
                    loading={docs.busy === f}
                    disabled={docs.busy !== null && docs.busy !== f}
                    onClick={() => void docs.run(f)}
                    data-testid={`invoice-download-${f}`}
                  >
                    {t(`invoices.format.${f}`)}
                  </Button>
                );
              })}
            </Button.Group>
            {canEdit && (
              <Button
                variant="default"
                leftSection={<IconMailForward size={16} />}
                onClick={() => setDialog('send')}
                data-testid="invoice-send"
              >
                {t(`${a}.send`)}
              </Button>
            )}
            {canEdit && inv.type === 'invoice' && (
              <Button
                variant="light"
                color="grape"
                leftSection={<IconReceiptRefund size={16} />}
                onClick={() => setDialog('credit')}
                data-testid="invoice-credit-note"
              >
                {t(`${a}.creditNote`)}
              </Button>
            )}
          </>
        )}
      </Group>

      {inv.status === 'draft' && (
        <>
          <DraftEditModal opened={dialog === 'edit'} onClose={close} invoice={inv} />
          <IssueModal opened={dialog === 'issue'} onClose={close} invoice={inv} />
          <DeleteModal opened={dialog === 'delete'} onClose={close} invoice={inv} />
        </>
      )}
      {inv.status === 'issued' && (
        <>
          <SendModal opened={dialog === 'send'} onClose={close} invoice={inv} />
          {/* Mounted only while open: it looks up the returns of the invoice's deliveries. */}
          {inv.type === 'invoice' && dialog === 'credit' && <CreditNoteModal opened onClose={close} invoice={inv} />}
        </>
      )}
    </>
  );
}

/** « Émettre »: the number is given, the documents are produced and archived; optionally e-mailed at once. */
function IssueModal({ opened, onClose, invoice: inv }: DialogProps) {
  const { t, i18n } = useTranslation();
  const issue = useIssueInvoice(inv.id);
  const [issueDate, setIssueDate] = useState<string | null>(null);
  const [send, setSend] = useState(false);
  const [dateError, setDateError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [rateMissing, setRateMissing] = useState(false);
  const [wasOpened, setWasOpened] = useState(false);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) {
      setIssueDate(null);
      setSend(false);
      setDateError(undefined);
      setGeneral([]);
      setRateMissing(false);
    }
  }
  const k = 'invoices.issue';
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`)}>
      <form
        noValidate
        data-testid="issue-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          setGeneral([]);
          setRateMissing(false);
          issue.mutate(
            { ...(issueDate ? { issueDate } : {}), send },
            {
              onSuccess: (x) => {
                notifySuccess(t(`${k}.done`, { number: invoiceLabel(x, t) }));
                onClose();
              },
              onError: (err) => {
                const code = isApiError(err) ? err.code : '';
                const r = dialogErrors(err, t, (p) => (p === 'issueDate' ? 'issueDate' : null));
                if (code === 'issue_date_before_last' && !r.fields.issueDate) {
                  setDateError(r.general.join(' '));
                  setGeneral([]);
                  return;
                }
                setRateMissing(code === 'exchange_rate_missing');
                setDateError(r.fields.issueDate);
                setGeneral(r.general);
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t(`${k}.text`)}</Text>
          <DateField
            label={t(`${k}.issueDate`)}
            description={t(`${k}.issueDateHint`)}
            placeholder={t(`${k}.today`)}
            value={issueDate}
            onChange={(v) => {
              setIssueDate(v);
              setDateError(undefined);
            }}
            clearable
            error={dateError}
            data-testid="issue-date"
          />
          <Checkbox
            label={t(`${k}.send`)}
            description={t(`${k}.sendHint`)}
            checked={send}
            onChange={(e) => setSend(e.currentTarget.checked)}
            data-testid="issue-send"
          />
          {inv.currency !== 'EUR' && (
            <Text size="xs" c="dimmed">
              {t(`${k}.foreignCurrency`, { currency: inv.currency })}
            </Text>
          )}
          <GeneralErrors messages={general} testId="issue-error" />
          {rateMissing && (
            <Anchor component={Link} to="/settings/invoicing" size="sm" data-testid="issue-rate-link">
              {t(`${k}.enterRate`, { currency: inv.currency })}
            </Anchor>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="teal"
              loading={issue.isPending}
              leftSection={<IconSend size={16} />}
              data-testid="invoice-issue-confirm"
            >
              {issueDate ? t(`${k}.submitOn`, { date: formatDate(issueDate, i18n.language) }) : t(`${k}.submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** « Supprimer le brouillon »: what it invoiced becomes invoiceable again. */
function DeleteModal({ opened, onClose, invoice: inv }: DialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const del = useDeleteInvoice(inv.id);
  const k = 'invoices.delete';
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`)}>
      <Stack gap="sm" data-testid="delete-dialog">
        <Text size="sm">{t(`${k}.text`, { customer: inv.customerName })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t(`${k}.keep`)}
          </Button>
          <Button
            color="red"
            loading={del.isPending}
            leftSection={<IconTrash size={16} />}
            onClick={() =>
              del.mutate(undefined, {
                onSuccess: () => {
                  notifySuccess(t(`${k}.done`));
                  onClose();
                  navigate('/invoices');
                },
                onError: (err) => notifyError(err, t),
              })
            }
            data-testid="invoice-delete-confirm"
          >
            {t(`${k}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** « Envoyer »: the invoice and its documents by e-mail to the customer's invoicing address. */
function SendModal({ opened, onClose, invoice: inv }: DialogProps) {
  const { t, i18n } = useTranslation();
  const send = useSendInvoice(inv.id);
  const k = 'invoices.send';
  return (
    <Modal opened={opened} onClose={onClose} title={t(`${k}.title`, { number: invoiceLabel(inv, t) })}>
      <Stack gap="sm" data-testid="send-dialog">
        <Text size="sm">{t(`${k}.text`)}</Text>
        {inv.sentAt && (
          <Text size="xs" c="dimmed">
            {t(`${k}.alreadySent`, { date: formatDate(inv.sentAt, i18n.language) })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={send.isPending}
            leftSection={<IconMailForward size={16} />}
            onClick={() =>
              send.mutate(undefined, {
                onSuccess: () => {
                  notifySuccess(t(`${k}.done`, { number: invoiceLabel(inv, t) }));
                  onClose();
                },
                onError: (err) => notifyError(err, t),
              })
            }
            data-testid="invoice-send-confirm"
          >
            {t(`${k}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
