import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Minutes } from '../../../../shared/contract/minutes';
import { useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { ErrorAlert, FormActions, Modal, SelectField, TextAreaField, dateTime } from '../directory/ui';
import { meetingKeys, useReturnFocus } from '../meetings/shared';
import { foldParts, type Part } from './diff-fold';
import { itemTitle, minutesKeys, type AgendaItemT } from './shared';

type Version = Minutes['versions'][number];

/** 下書き / 確定 第N版 / 訂正中 — the state of the minutes as a badge. */
export function MinutesStateBadge({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const last = minutes.versions.at(-1);
  const label =
    minutes.state === 'confirmed'
      ? t('minutes.states.confirmed', { version: last?.version ?? 1 })
      : minutes.state === 'amending'
        ? t('minutes.states.amending', { version: (last?.version ?? 0) + 1 })
        : t(`minutes.states.${minutes.state}`);
  return <span className={`badge mn-state mn-state-${minutes.state}`}>{label}</span>;
}

/** What 確定 will do: the lifecycle steps it applies and the assignments it makes live. */
export function confirmEffects(minutes: Minutes, agendaItems: AgendaItemT[]) {
  const titles = new Map(agendaItems.map((i) => [i.id, i]));
  const steps = minutes.items.flatMap((i) => i.decisions.filter((d) => d.proposedStatus && d.applyStatus && !d.appliedAt).map((d) => ({ d, item: titles.get(i.itemId) })));
  const roles = minutes.items.flatMap((i) => i.roleAssignments.filter((r) => !r.live));
  return { steps, roles };
}

export function ConfirmDialog({
  meetingId,
  minutes,
  agendaItems,
  flushNotes,
  onClose,
  onConfirmed,
}: {
  meetingId: string;
  minutes: Minutes;
  agendaItems: AgendaItemT[];
  flushNotes: () => Promise<void>;
  onClose: () => void;
  onConfirmed: (m: Minutes) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const { steps, roles } = confirmEffects(minutes, agendaItems);
  const confirm = useMutation({
    mutationFn: async () => {
      await flushNotes();
      return invoke('minutes.confirm', { meetingId });
    },
    onSuccess: (next) => {
      queryClient.setQueryData(minutesKeys.minutes(meetingId), next);
      void queryClient.invalidateQueries({ queryKey: minutesKeys.forMeeting(meetingId) });
      void queryClient.invalidateQueries({ queryKey: ['case.get'] });
      void queryClient.invalidateQueries({ queryKey: ['case.list'] });
      void queryClient.invalidateQueries({ queryKey: ['home.summary'] });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.meeting(meetingId) });
      onConfirmed(next);
    },
  });
  const amending = minutes.state === 'amending';
  return (
    <Modal open onClose={onClose} title={t(amending ? 'minutes.confirm.titleAmend' : 'minutes.confirm.title')}>
      <p>{t('minutes.confirm.lock')}</p>
      {amending && minutes.amendmentReason && <p className="mn-quote-text">{t('minutes.confirm.reason', { reason: minutes.amendmentReason })}</p>}
      <ul className="mn-effects">
        <li>{t('minutes.confirm.steps', { count: steps.length })}</li>
        <li>{t('minutes.confirm.roles', { count: roles.length })}</li>
      </ul>
      {steps.length > 0 && (
        <ul className="mn-effect-list" aria-label={t('minutes.confirm.stepsLabel')}>
          {steps.map(({ d, item }) => (
            <li key={d.id}>
              {d.caseNumber ?? (item ? itemTitle(t, item) : '')}：{t('minutes.decisions.proposalLine', { status: t(`cases.statuses.${d.proposedStatus}`) })}
            </li>
          ))}
        </ul>
      )}
      {roles.length > 0 && (
        <ul className="mn-effect-list" aria-label={t('minutes.confirm.rolesLabel')}>
          {roles.map((r) => (
            <li key={r.id}>
              {r.caseNumber}：{r.organizationName} {r.action}
            </li>
          ))}
        </ul>
      )}
      <p className="field-hint">{t('minutes.confirm.hashHint')}</p>
      {confirm.error && <ErrorAlert>{errorText(t, confirm.error)}</ErrorAlert>}
      <div className="dialog-actions dialog-actions-split">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('minutes.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={confirm.isPending} onClick={() => confirm.mutate()}>
          {confirm.isPending ? t('minutes.confirm.confirming') : t('minutes.confirm.submit')}
        </button>
      </div>
    </Modal>
  );
}

export function AmendDialog({ meetingId, onClose, onAmending }: { meetingId: string; onClose: () => void; onAmending: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const amend = useMutation({
    mutationFn: () => invoke('minutes.amend', { meetingId, reason: reason.trim() }),
    onSuccess: (next) => {
      queryClient.setQueryData(minutesKeys.minutes(meetingId), next);
      onAmending();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setLocal(t('minutes.amend.reasonRequired'));
      return;
    }
    setLocal(null);
    amend.mutate();
  }
  return (
    <Modal open onClose={onClose} title={t('minutes.amend.title')}>
      <form onSubmit={submit} noValidate>
        <p>{t('minutes.amend.intro')}</p>
        <TextAreaField
          label={t('minutes.amend.reason')}
          aria-required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={400}
          rows={3}
          autoFocus
          error={local ?? fieldErrors(t, amend.error).reason}
          hint={t('minutes.amend.reasonHint')}
        />
        {amend.error && <ErrorAlert>{errorText(t, amend.error)}</ErrorAlert>}
        <FormActions cancelLabel={t('minutes.cancel')} onCancel={onClose} submitLabel={t('minutes.amend.submit')} pending={amend.isPending} />
      </form>
    </Modal>
  );
}

/** SHA-256 of a confirmed version: the first 16 characters, the whole on hover, a copy button. */
export function HashLine({ version }: { version: Version }) {
  const { t, i18n } = useTranslation();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(version.sha256);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 3000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="mn-hash" data-testid="minutes-hash">
      <dl className="mn-hash-facts">
        <div>
          <dt>{t('minutes.hash.label')}</dt>
          <dd>
            <code className="mn-hash-code" title={version.sha256} aria-label={t('minutes.hash.full', { hash: version.sha256 })}>
              {version.sha256.slice(0, 16)}…
            </code>
            <button type="button" className="button button-small" onClick={() => void copy()}>
              {t('minutes.hash.copy')}
            </button>
            <span className="mn-copied" role="status">
              {copied ? t('minutes.hash.copied') : ''}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('minutes.hash.confirmed')}</dt>
          <dd>{t('minutes.hash.byAt', { name: version.confirmedByName, at: dateTime(version.confirmedAt, i18n.language), version: version.version })}</dd>
        </div>
        {version.reason && (
          <div>
            <dt>{t('minutes.hash.reason')}</dt>
            <dd>{version.reason}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** Every confirmed version, each readable as it was confirmed, and the differences between two. */
export function VersionsPanel({ meetingId, versions }: { meetingId: string; versions: Version[] }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const [viewing, setViewing] = useState<number | null>(null);
  const last = versions.at(-1)?.version ?? 1;
  const [from, setFrom] = useState(Math.max(1, last - 1));
  const [to, setTo] = useState(last);
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);
  const diff = useQuery({
    queryKey: ['minutes.diff', meetingId, compared?.from, compared?.to],
    queryFn: () => invoke('minutes.diff', { meetingId, from: compared!.from, to: compared!.to }),
    enabled: compared !== null,
  });
  if (versions.length === 0) return null;
  return (
    <section className="mn-section" aria-labelledby="mn-versions-heading">
      <h3 id="mn-versions-heading" className="mn-section-heading">
        {t('minutes.versions.heading', { count: versions.length })}
      </h3>
      <div className="mn-table-wrap">
        <table className="mn-table" aria-labelledby="mn-versions-heading">
          <thead>
            <tr>
              <th scope="col">{t('minutes.versions.version')}</th>
              <th scope="col">{t('minutes.versions.confirmedAt')}</th>
              <th scope="col">{t('minutes.versions.by')}</th>
              <th scope="col">{t('minutes.versions.reason')}</th>
              <th scope="col">{t('minutes.versions.hash')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('minutes.versions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-testid="minutes-version">
                <td className="nowrap">{t('minutes.versions.number', { version: v.version })}</td>
                <td className="nowrap">{dateTime(v.confirmedAt, i18n.language)}</td>
                <td>{v.confirmedByName}</td>
                <td>{v.reason ?? t('minutes.versions.first')}</td>
                <td>
                  <code className="mn-hash-code" title={v.sha256}>
                    {v.sha256.slice(0, 16)}…
                  </code>
                </td>
                <td>
                  <button type="button" className="button button-small" onClick={() => setViewing(v.version)} aria-label={t('minutes.versions.viewLabel', { version: v.version })}>
                    {t('minutes.versions.view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {versions.length >= 2 && (
        <div className="mn-diff-panel">
          <h4 className="mn-block-heading">{t('minutes.diff.heading')}</h4>
          <form
            className="mn-form-row mn-diff-form"
            onSubmit={(e) => {
              e.preventDefault();
              setCompared({ from, to });
            }}
          >
            <SelectField label={t('minutes.diff.from')} value={String(from)} onChange={(e) => setFrom(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t('minutes.versions.number', { version: v.version })}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('minutes.diff.to')} value={String(to)} onChange={(e) => setTo(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {t('minutes.versions.number', { version: v.version })}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button">
              {t('minutes.diff.compare')}
            </button>
          </form>
          {diff.isFetching && <p className="loading-inline">{t('app.loading')}</p>}
          {diff.error && <ErrorAlert>{errorText(t, diff.error)}</ErrorAlert>}
          {compared && diff.data && <DiffView parts={diff.data} from={compared.from} to={compared.to} />}
        </div>
      )}
      {viewing !== null && <VersionDialog meetingId={meetingId} version={viewing} onClose={() => setViewing(null)} />}
    </section>
  );
}

function VersionDialog({ meetingId, version, onClose }: { meetingId: string; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const snapshot = useQuery({ queryKey: ['minutes.version', meetingId, version], queryFn: () => invoke('minutes.version', { meetingId, version }) });
  return (
    <Modal open onClose={onClose} title={t('minutes.versions.viewTitle', { version })} wide>
      {snapshot.isPending && <p className="loading-inline">{t('app.loading')}</p>}
      {snapshot.error && <ErrorAlert>{errorText(t, snapshot.error)}</ErrorAlert>}
      {snapshot.data && (
        <>
          <p className="mn-muted">
            {t('minutes.hash.label')}: <code className="mn-hash-code">{snapshot.data.sha256}</code>
          </p>
          <pre className="mn-snapshot" tabIndex={0} aria-label={t('minutes.versions.textLabel', { version })}>
            {snapshot.data.text}
          </pre>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}

/** Added text underlined with a +, removed text struck through with a −: never colour alone. */
export function DiffView({ parts, from, to }: { parts: Part[]; from: number; to: number }) {
  const { t } = useTranslation();
  const [whole, setWhole] = useState(false);
  const added = parts.filter((p) => p.op === 'added').length;
  const removed = parts.filter((p) => p.op === 'removed').length;
  const shown = whole ? parts : foldParts(parts);
  return (
    <div className="mn-diff-result">
      <p className="mn-diff-summary" role="status">
        {added + removed === 0 ? t('minutes.diff.same', { from, to }) : t('minutes.diff.summary', { from, to, added, removed })}
      </p>
      <div className="mn-diff-tools">
        <p className="mn-diff-legend" aria-hidden="true">
          <ins className="mn-diff-added">
            <span className="mn-diff-mark">+</span>
            {t('minutes.diff.legendAdded')}
          </ins>
          <del className="mn-diff-removed">
            <span className="mn-diff-mark">−</span>
            {t('minutes.diff.legendRemoved')}
          </del>
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} />
          {t('minutes.diff.whole')}
        </label>
      </div>
      <pre className="mn-diff" data-testid="minutes-diff" tabIndex={0} aria-label={t('minutes.diff.textLabel', { from, to })}>
        {shown.map((p, i) =>
          p.op === 'fold' ? (
            <span key={i} className="mn-diff-fold">
              {t('minutes.diff.folded', { count: p.lines })}
            </span>
          ) : p.op === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.op === 'added' ? (
            <ins key={i} className="mn-diff-added">
              <span className="mn-diff-mark" aria-hidden="true">
                +
              </span>
              <span className="visually-hidden">{t('minutes.diff.addedStart')}</span>
              {p.text}
              <span className="visually-hidden">{t('minutes.diff.end')}</span>
            </ins>
          ) : (
            <del key={i} className="mn-diff-removed">
              <span className="mn-diff-mark" aria-hidden="true">
                −
              </span>
              <span className="visually-hidden">{t('minutes.diff.removedStart')}</span>
              {p.text}
              <span className="visually-hidden">{t('minutes.diff.end')}</span>
            </del>
          ),
        )}
      </pre>
    </div>
  );
}
