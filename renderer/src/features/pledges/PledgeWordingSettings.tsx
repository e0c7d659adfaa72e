import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { useFlash } from '../../components/forms';
import { ErrorAlert, Modal, TextAreaField } from '../directory/ui';
import './pledges.css';

const MIN = 20;
const MAX = 4000;

/**
 * 設定 › 誓約書の文面: the wording printed on every pledge form. Saving never rewrites the text
 * that people have signed: it adds a new version, and each pledge keeps the version it was
 * signed on. So the save asks for a confirmation that says this.
 */
export function PledgeWordingSettings() {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const wording = useQuery({ queryKey: ['pledge.wording'], queryFn: () => invoke('pledge.wording', {}) });
  const [text, setText] = useState<string | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [flash, setFlash] = useFlash();

  const current = wording.data;
  const value = text ?? current?.text ?? '';
  const changed = current !== undefined && value.trim() !== current.text.trim();

  const save = useMutation({
    mutationFn: () => invoke('pledge.updateWording', { text: value.trim() }),
    onSuccess: (saved) => {
      setConfirming(false);
      queryClient.setQueryData(['pledge.wording'], saved);
      setText(null);
      setFlash(t('pledges.wording.saved', { version: saved.version }));
    },
    onError: () => setConfirming(false),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    const length = value.trim().length;
    if (length < MIN) setLocal(t('pledges.wording.tooShort', { min: MIN }));
    else if (length > MAX) setLocal(t('pledges.wording.tooLong', { max: MAX }));
    else {
      setLocal(null);
      save.reset();
      setConfirming(true);
    }
  }

  const server = fieldErrors(t, save.error).text;
  return (
    <form className="panel settings-panel" onSubmit={submit} noValidate aria-labelledby="pledge-wording-heading">
      <h2 id="pledge-wording-heading" className="panel-title">
        {t('pledges.wording.heading')}
      </h2>
      <p className="field-hint">{t('pledges.wording.intro')}</p>
      {wording.error && <ErrorAlert>{errorText(t, wording.error)}</ErrorAlert>}
      {wording.isPending ? (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      ) : current ? (
        <>
          <p className="pl-wording-version">
            <span className="badge">{t('pledges.wording.currentVersion', { version: current.version })}</span>
          </p>
          <TextAreaField
            label={t('pledges.wording.text')}
            name="pledgeWording"
            value={value}
            onChange={(e) => {
              setText(e.target.value);
              setLocal(null);
            }}
            rows={12}
            maxLength={MAX}
            className="input textarea pl-wording-text"
            hint={t('pledges.wording.hint', { next: current.version + 1, min: MIN, max: MAX })}
            error={local ?? (server ? t('pledges.wording.invalid', { min: MIN, max: MAX }) : undefined)}
          />
          {save.error && !server && <ErrorAlert>{errorText(t, save.error)}</ErrorAlert>}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={!changed || save.isPending}>
              {save.isPending ? t('common.saving') : t('pledges.wording.save', { next: current.version + 1 })}
            </button>
            {changed && (
              <button type="button" className="button" onClick={() => setText(null)}>
                {t('pledges.wording.discard')}
              </button>
            )}
            <p className="status-line" role="status">
              {flash}
            </p>
          </div>
          <Modal open={confirming} onClose={() => setConfirming(false)} title={t('pledges.wording.confirmHeading', { next: current.version + 1 })}>
            <p>{t('pledges.wording.confirmText', { current: current.version, next: current.version + 1 })}</p>
            <div className="dialog-actions dialog-actions-split">
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('pledges.cancel')}
              </button>
              <button type="button" className="button button-primary" disabled={save.isPending} onClick={() => save.mutate()} autoFocus>
                {save.isPending ? t('common.saving') : t('pledges.wording.confirmSubmit', { next: current.version + 1 })}
              </button>
            </div>
          </Modal>
        </>
      ) : null}
    </form>
  );
}
