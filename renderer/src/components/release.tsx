import { useId, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../api';
import { errorText } from '../errors';
import { TextField } from './forms';
import type { ReleaseOrigin } from './pdf-document';

export type ReleaseAction = 'save' | 'print';

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * 持ち出しの記録: the recipient and purpose asked before a document leaves the vault. `release`
 * records it in the core (audit log, with the file's SHA-256) and resolves true only then: the
 * caller hands the file over (download or print) after that, never before.
 */
export function useRelease(origin: ReleaseOrigin) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [recipient, setRecipient] = useState(origin.recipient ?? '');
  const [purpose, setPurpose] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<{ recipient: string; purpose: string } | null>(null);
  const recipientRef = useRef<HTMLInputElement>(null);
  const purposeRef = useRef<HTMLInputElement>(null);
  const hints = useQuery({ queryKey: ['document.releaseHints'], queryFn: () => invoke('document.releaseHints', {}), staleTime: 60_000 });

  async function release(action: ReleaseAction, file: { fileName: string; bytes: Uint8Array<ArrayBuffer>; pages: number | null }): Promise<boolean> {
    const r = recipient.trim();
    const p = purpose.trim();
    if (!r || !p) {
      setProblem(t('release.missing'));
      (r ? purposeRef : recipientRef).current?.focus();
      return false;
    }
    setBusy(true);
    try {
      await invoke('document.release', {
        document: origin.document,
        subject: origin.subject,
        fileName: file.fileName,
        recipient: r,
        purpose: p,
        action,
        sha256: await sha256Hex(file.bytes),
        pages: file.pages,
      });
      setProblem(null);
      setRecorded({ recipient: r, purpose: p });
      void queryClient.invalidateQueries({ queryKey: ['document.releaseHints'] });
      void queryClient.invalidateQueries({ queryKey: ['audit.list'] });
      return true;
    } catch (err) {
      setProblem(errorText(t, err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { recipient, setRecipient, purpose, setPurpose, problem, busy, recorded, hints: hints.data, recipientRef, purposeRef, release };
}

export type Release = ReturnType<typeof useRelease>;

/** The two fields of 持ち出しの記録, with earlier answers offered as suggestions. */
export function ReleaseFields({ release }: { release: Release }) {
  const { t } = useTranslation();
  const id = useId();
  const problem = release.problem;
  return (
    <fieldset className="release-fields" aria-describedby={`${id}-intro`}>
      <legend>{t('release.legend')}</legend>
      <p id={`${id}-intro`} className="field-hint">
        {t('release.intro')}
      </p>
      <div className="release-fields-row">
        <TextField
          ref={release.recipientRef}
          label={t('release.recipient')}
          hint={t('release.recipientHint')}
          value={release.recipient}
          maxLength={100}
          required
          list={`${id}-recipients`}
          autoComplete="off"
          error={problem && !release.recipient.trim() ? problem : undefined}
          onChange={(e) => release.setRecipient(e.target.value)}
        />
        <TextField
          ref={release.purposeRef}
          label={t('release.purpose')}
          hint={t('release.purposeHint')}
          value={release.purpose}
          maxLength={200}
          required
          list={`${id}-purposes`}
          autoComplete="off"
          error={problem && release.recipient.trim() && !release.purpose.trim() ? problem : undefined}
          onChange={(e) => release.setPurpose(e.target.value)}
        />
      </div>
      <datalist id={`${id}-recipients`}>
        {release.hints?.recipients.map((r) => <option key={r} value={r} />)}
      </datalist>
      <datalist id={`${id}-purposes`}>
        {release.hints?.purposes.map((p) => <option key={p} value={p} />)}
      </datalist>
      <p className="release-status" role="status">
        {release.busy ? t('release.recording') : release.recorded ? t('release.recorded', release.recorded) : ''}
      </p>
      {problem && release.recipient.trim() && release.purpose.trim() && (
        <div className="form-error" role="alert">
          {problem}
        </div>
      )}
    </fieldset>
  );
}
