import { Button, Group, Menu, Modal, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconChevronDown,
  IconDownload,
  IconEdit,
  IconSend,
  IconX,
  IconBan,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { ConvertQuoteAction } from '../orders/bookConvert';
import { downloadFile, useQuoteCommand, type Quote, type QuoteCommand } from './api';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "Télécharger le PDF", in the customer's language or another one. */
export function PdfButton({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async (lang?: 'fr' | 'en') => {
    setBusy(true);
    try {
      await downloadFile(
        `/quotes/${encodeURIComponent(quote.id)}/pdf${lang ? `?lang=${lang}` : ''}`,
        `${quote.number}.pdf`,
      );
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
        leftSection={<IconDownload size={16} />}
        loading={busy}
        onClick={() => void download()}
        data-testid="quote-pdf"
      >
        {t('quotes.actions.pdf')}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            px={6}
            aria-label={t('quotes.actions.pdfOtherLanguage')}
            data-testid="quote-pdf-menu"
          >
            <IconChevronDown size={14} />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('quotes.actions.pdfLanguage')}</Menu.Label>
          <Menu.Item onClick={() => void download('fr')} data-testid="quote-pdf-fr">
            {t('quotes.actions.pdfFr')}
          </Menu.Item>
          <Menu.Item onClick={() => void download('en')} data-testid="quote-pdf-en">
            {t('quotes.actions.pdfEn')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Button.Group>
  );
}

/** The commands the server allows now (`allowedCommands`), with their dialogs. */
export function QuoteActions({ quote }: { quote: Quote }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const command = useQuoteCommand(quote.id);
  const [dialog, setDialog] = useState<'send' | 'refuse' | 'cancel' | null>(null);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const allowed = new Set(quote.allowedCommands);

  const run = (cmd: QuoteCommand, body?: Record<string, unknown>, done?: string) =>
    command.mutate(
      { command: cmd, body },
      {
        onSuccess: () => {
          setDialog(null);
          notifySuccess(done ?? t(`quotes.done.${cmd}`, { number: quote.number }));
        },
        onError: (err) => {
          const fe = isApiError(err) && err.status === 422 ? err.fieldErrors[0] : undefined;
          if (dialog && fe) setFieldError(fe.message);
          else notifyError(err, t);
        },
      },
    );

  const open = (d: 'send' | 'refuse' | 'cancel') => {
    setFieldError(null);
    if (d === 'send') {
      setRecipients(quote.contactEmail ? [quote.contactEmail] : []);
      setMessage('');
    }
    if (d === 'refuse') setReason('');
    setDialog(d);
  };

  const badRecipient = recipients.find((r) => !EMAIL_RE.test(r));
  const busy = command.isPending;

  return (
    <>
      <Group gap="xs" data-testid="quote-actions">
        {canEdit && quote.status === 'draft' && (
          <Button
            component={Link}
            to={`/quotes/${quote.id}/edit`}
            variant="default"
            leftSection={<IconEdit size={16} />}
            data-testid="quote-edit"
          >
            {t('common.edit')}
          </Button>
        )}
        <PdfButton quote={quote} />
        {canEdit && allowed.has('send') && (
          <Button leftSection={<IconSend size={16} />} onClick={() => open('send')} data-testid="quote-send">
            {quote.status === 'sent' ? t('quotes.actions.resend') : t('quotes.actions.send')}
          </Button>
        )}
        {canEdit && allowed.has('accept') && (
          <Button
            color="teal"
            leftSection={<IconCheck size={16} />}
            loading={busy && command.variables?.command === 'accept'}
            onClick={() => run('accept')}
            data-testid="quote-accept"
          >
            {t('quotes.actions.accept')}
          </Button>
        )}
        <ConvertQuoteAction quote={quote} canEdit={canEdit} />
        {canEdit && allowed.has('refuse') && (
          <Button
            color="red"
            variant="light"
            leftSection={<IconX size={16} />}
            onClick={() => open('refuse')}
            data-testid="quote-refuse"
          >
            {t('quotes.actions.refuse')}
          </Button>
        )}
        {canEdit && allowed.has('reopen') && (
          <Button
            variant="light"
            leftSection={<IconArrowBackUp size={16} />}
            loading={busy && command.variables?.command === 'reopen'}
            onClick={() => run('reopen')}
            data-testid="quote-reopen"
          >
            {t('quotes.actions.reopen')}
          </Button>
        )}
        {canEdit && allowed.has('cancel') && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconBan size={16} />}
            onClick={() => open('cancel')}
            data-testid="quote-cancel"
          >
            {t('quotes.actions.cancel')}
          </Button>
        )}
      </Group>

      <Modal
        opened={dialog === 'send'}
        onClose={() => setDialog(null)}
        title={t('quotes.sendDialog.title', { number: quote.number })}
        size="lg"
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (recipients.length === 0) return setFieldError(t('quotes.sendDialog.noRecipient'));
            if (badRecipient) return setFieldError(t('quotes.sendDialog.badRecipient', { email: badRecipient }));
            run('send', { to: recipients, message: message.trim() || null });
          }}
          data-testid="send-dialog"
        >
          <Stack gap="sm">
            <TagsInput
              label={t('quotes.sendDialog.to')}
              description={t('quotes.sendDialog.toHint')}
              value={recipients}
              onChange={(v) => {
                setRecipients(v.map((x) => x.trim()).filter(Boolean));
                setFieldError(null);
              }}
              splitChars={[',', ';', ' ']}
              acceptValueOnBlur
              error={fieldError}
              data-testid="send-to"
              data-autofocus
            />
            <Textarea
              label={t('quotes.sendDialog.message')}
              description={t('quotes.sendDialog.messageHint')}
              autosize
              minRows={3}
              maxRows={10}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              data-testid="send-message"
            />
            <Text size="xs" c="dimmed">
              {t('quotes.sendDialog.attachmentNote', { number: quote.number })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" leftSection={<IconSend size={16} />} loading={busy} data-testid="send-confirm">
                {t('quotes.actions.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={dialog === 'refuse'}
        onClose={() => setDialog(null)}
        title={t('quotes.refuseDialog.title', { number: quote.number })}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setFieldError(t('validation.required'));
            run('refuse', { reason: reason.trim() });
          }}
          data-testid="refuse-dialog"
        >
          <Stack gap="sm">
            <Textarea
              label={t('quotes.refuseDialog.reason')}
              description={t('quotes.refuseDialog.reasonHint')}
              required
              autosize
              minRows={3}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setFieldError(null);
              }}
              error={fieldError}
              data-testid="refuse-reason"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={busy} data-testid="refuse-confirm">
                {t('quotes.actions.refuse')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={dialog === 'cancel'}
        onClose={() => setDialog(null)}
        title={t('quotes.cancelDialog.title', { number: quote.number })}
      >
        <Stack gap="sm">
          <Text size="sm">{t('quotes.cancelDialog.text')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)} data-autofocus>
              {t('quotes.cancelDialog.keep')}
            </Button>
            <Button color="red" loading={busy} onClick={() => run('cancel')} data-testid="cancel-confirm">
              {t('quotes.actions.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
