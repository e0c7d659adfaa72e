import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatWareki } from '../../../../shared/domain/wareki';
import { useInvoke } from '../../api';
import { fieldErrors } from '../../errors';
import { TextField } from '../../components/forms';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, FormActions, Modal, OrganizationOptions, SelectField, TextAreaField, formErrorText, shortDate } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';
import { itemTitle, minutesKeys, type AgendaItemT, type RoleAssignment } from './shared';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** 期限 令和8年5月31日 / 月1回 — when an assignment is due. */
export function dueText(t: (key: string, o?: Record<string, unknown>) => string, a: RoleAssignment, language: string): string {
  if (a.dueOn && a.frequency) return t('minutes.roles.dueAndFrequency', { date: shortDate(a.dueOn, language), frequency: a.frequency });
  if (a.dueOn) return t('minutes.roles.dueOn', { date: shortDate(a.dueOn, language) });
  return a.frequency ?? '—';
}

/** The role assignments decided at one item, one card each (the focus pane is too narrow for a table). */
export function RoleTable({
  roles,
  editable,
  onEdit,
  onRemove,
}: {
  roles: RoleAssignment[];
  editable: boolean;
  onEdit: (r: RoleAssignment) => void;
  onRemove: (r: RoleAssignment) => void;
}) {
  const { t, i18n } = useTranslation();
  if (roles.length === 0) return <p className="mn-none">{t('minutes.roles.none')}</p>;
  return (
    <ul className="mn-records" aria-label={t('minutes.roles.heading')}>
      {roles.map((r) => (
        <li key={r.id} className="mn-record mn-role" data-testid="role-assignment">
          <div className="mn-record-body">
            <p className="mn-record-title">
              <span className="mn-case-number">{r.caseNumber}</span>
              <span>（{r.initials}）</span>
              <span className={`badge mn-role-status mn-role-${r.status}`}>{t(`minutes.roles.statuses.${r.status}`)}</span>
              {!r.live && <span className="mn-pending">{t('minutes.roles.notLive')}</span>}
            </p>
            <p className="mn-action">{r.action}</p>
            {r.goal && (
              <p className="mn-goal">
                {t('minutes.roles.goal')}：{r.goal}
              </p>
            )}
            <dl className="mn-role-facts">
              <div>
                <dt>{t('minutes.roles.who')}</dt>
                <dd>
                  {r.organizationName}
                  {r.memberName ? `・${r.memberName}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('minutes.roles.when')}</dt>
                <dd>
                  {t('minutes.roles.startOn', { date: shortDate(r.startOn, i18n.language) })}　{dueText(t, r, i18n.language)}
                </dd>
              </div>
            </dl>
          </div>
          {editable && !r.live && (
            <div className="mn-record-buttons">
              <button type="button" className="button button-small" onClick={() => onEdit(r)} aria-label={t('minutes.roles.editLabel', { action: r.action })}>
                {t('minutes.edit')}
              </button>
              <button type="button" className="button button-small button-danger" onClick={() => onRemove(r)} aria-label={t('minutes.roles.removeLabel', { action: r.action })}>
                {t('minutes.remove')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Adds or edits an assignment decided at this item: case (the item's, or one of the agenda's),
 * 課題・目標, 支援内容, organization and person, start, and a due date or a frequency.
 */
export function RoleDialog({
  meetingId,
  meetingDate,
  item,
  cases,
  role,
  onClose,
  onSaved,
}: {
  meetingId: string;
  meetingDate: string;
  item: AgendaItemT;
  /** The case items of the agenda (for an item that is not about one case). */
  cases: AgendaItemT[];
  role: RoleAssignment | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const orgs = useOrganizations(false);
  const [caseId, setCaseId] = useState(role?.caseId ?? item.caseId ?? (cases.length === 1 ? (cases[0]?.caseId ?? '') : ''));
  const [goal, setGoal] = useState(role?.goal ?? '');
  const [action, setAction] = useState(role?.action ?? '');
  const [organizationId, setOrganizationId] = useState(role?.organizationId ?? '');
  const [memberId, setMemberId] = useState(role?.memberId ?? '');
  const [startOn, setStartOn] = useState(role?.startOn ?? meetingDate);
  const [mode, setMode] = useState<'due' | 'frequency'>(role && !role.dueOn && role.frequency ? 'frequency' : 'due');
  const [dueOn, setDueOn] = useState(role?.dueOn ?? '');
  const [frequency, setFrequency] = useState(role?.frequency ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const members = useQuery({
    queryKey: ['member.list', { organizationId }],
    queryFn: () => invoke('member.list', { organizationId }),
    enabled: Boolean(organizationId),
  });

  const save = useMutation({
    mutationFn: () => {
      const fields = {
        goal: goal.trim() || null,
        action: action.trim(),
        organizationId,
        memberId: memberId || null,
        startOn,
        dueOn: mode === 'due' ? dueOn : null,
        frequency: mode === 'frequency' ? frequency.trim() : null,
      };
      return role ? invoke('role.update', { id: role.id, ...fields }) : invoke('role.create', { itemId: item.id, caseId, ...fields });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: minutesKeys.minutes(meetingId) });
      onSaved(t(role ? 'minutes.roles.updated' : 'minutes.roles.added', { organization: saved.organizationName, caseNumber: saved.caseNumber }));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!caseId) errors.caseId = t('minutes.roles.caseRequired');
    if (!action.trim()) errors.action = t('minutes.roles.actionRequired');
    if (!organizationId) errors.organizationId = t('minutes.roles.organizationRequired');
    if (!ISO.test(startOn)) errors.startOn = t('minutes.roles.dateRequired');
    if (mode === 'due' && !ISO.test(dueOn)) errors.dueOn = t('minutes.roles.dueRequired');
    if (mode === 'due' && ISO.test(dueOn) && ISO.test(startOn) && dueOn < startOn) errors.dueOn = t('minutes.roles.dueBeforeStart');
    if (mode === 'frequency' && !frequency.trim()) errors.frequency = t('minutes.roles.frequencyRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  }
  const server = fieldErrors(t, save.error);
  const err = (f: string) => local[f] ?? server[f];
  const wareki = (d: string) => (ISO.test(d) ? <span className="mt-wareki">{formatWareki(d)}</span> : undefined);

  return (
    <Modal open onClose={onClose} title={t(role ? 'minutes.roles.editTitle' : 'minutes.roles.addTitle', { item: itemTitle(t, item) })} wide>
      <form onSubmit={submit} noValidate>
        {item.caseId || role ? (
          <div className="field">
            <div className="field-label">
              <span>{t('minutes.roles.case')}</span>
            </div>
            <p className="mn-static">
              <span className="mn-case-number">{role?.caseNumber ?? item.caseNumber}</span>（{role?.initials ?? item.initials}）
            </p>
          </div>
        ) : (
          <SelectField label={t('minutes.roles.case')} required value={caseId} onChange={(e) => setCaseId(e.target.value)} error={err('caseId')} autoFocus hint={cases.length === 0 ? t('minutes.roles.noCases') : undefined}>
            <option value="">{t('minutes.roles.chooseCase')}</option>
            {cases.map((c) => (
              <option key={c.id} value={c.caseId ?? ''}>
                {c.caseNumber}（{c.initials}）
              </option>
            ))}
          </SelectField>
        )}
        <TextAreaField label={t('minutes.roles.goal')} value={goal} onChange={(e) => setGoal(e.target.value)} maxLength={400} rows={2} error={err('goal')} autoFocus={Boolean(item.caseId || role)} />
        <TextAreaField label={t('minutes.roles.action')} aria-required value={action} onChange={(e) => setAction(e.target.value)} maxLength={1000} rows={3} error={err('action')} />
        <div className="mn-form-row">
          <SelectField
            label={t('minutes.roles.organization')}
            required
            value={organizationId}
            onChange={(e) => {
              setOrganizationId(e.target.value);
              setMemberId('');
            }}
            error={err('organizationId')}
          >
            <OrganizationOptions first={t('minutes.roles.chooseOrganization')} organizations={orgs.data} />
          </SelectField>
          <SelectField label={t('minutes.roles.member')} value={memberId} onChange={(e) => setMemberId(e.target.value)} disabled={!organizationId} error={err('memberId')}>
            <option value="">{organizationId ? t('minutes.roles.memberNone') : t('minutes.roles.memberFirst')}</option>
            {(members.data ?? [])
              .filter((m) => m.current)
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                  {m.current?.title ? `（${m.current.title}）` : ''}
                </option>
              ))}
          </SelectField>
        </div>
        <div className="mn-form-row">
          <TextField label={t('minutes.roles.start')} required type="date" value={startOn} onChange={(e) => setStartOn(e.target.value)} hint={wareki(startOn)} error={err('startOn')} className="field-date" />
        </div>
        <fieldset className="fieldset mn-schedule">
          <legend>{t('minutes.roles.schedule')}</legend>
          <div className="choice-group mn-choice-row">
            <label className="radio">
              <input type="radio" name="mn-schedule" checked={mode === 'due'} onChange={() => setMode('due')} />
              {t('minutes.roles.byDue')}
            </label>
            <label className="radio">
              <input type="radio" name="mn-schedule" checked={mode === 'frequency'} onChange={() => setMode('frequency')} />
              {t('minutes.roles.byFrequency')}
            </label>
          </div>
          {mode === 'due' ? (
            <TextField label={t('minutes.roles.due')} required type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} hint={wareki(dueOn)} error={err('dueOn')} className="field-date" />
          ) : (
            <TextField
              label={t('minutes.roles.frequency')}
              required
              value={frequency}
              onChange={(e) => setFrequency(e.target.value)}
              maxLength={60}
              placeholder={t('minutes.roles.frequencyExample')}
              error={err('frequency')}
            />
          )}
        </fieldset>
        <p className="field-hint">{t('minutes.roles.liveHint')}</p>
        {save.error && <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>}
        <FormActions
          cancelLabel={t('minutes.cancel')}
          onCancel={onClose}
          submitLabel={t(role ? 'minutes.save' : 'minutes.roles.add')}
          pending={save.isPending}
          pendingLabel={t('common.saving')}
        />
      </form>
    </Modal>
  );
}
