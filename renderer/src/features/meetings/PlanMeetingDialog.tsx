import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeetingType } from '../../../../shared/contract';
import type { Meeting } from '../../../../shared/contract/meetings';
import type { Member } from '../../../../shared/contract/directory';
import { formatWareki } from '../../../../shared/domain/wareki';
import { mayChange, type MeetingChange } from '../../../../shared/domain/meeting-lifecycle';
import { useInvoke } from '../../api';
import { fieldErrors, isKasaneError } from '../../errors';
import { TextField } from '../../components/forms';
import { ErrorAlert, Modal, SelectField, TextAreaField, formErrorText, todayIso } from '../directory/ui';
import { LockedNote, lockedReason, meetingKeys, useMembers, useReturnFocus } from './shared';

const TYPES: MeetingType[] = ['jusoteki', 'shien', 'other'];

interface OrgGroup {
  id: string;
  name: string;
  members: Member[];
}

function groupByOrganization(members: Member[]): OrgGroup[] {
  const groups = new Map<string, OrgGroup>();
  for (const m of members) {
    if (!m.current) continue;
    const g = groups.get(m.current.organizationId) ?? { id: m.current.organizationId, name: m.current.organizationName, members: [] };
    g.members.push(m);
    groups.set(g.id, g);
  }
  return [...groups.values()];
}

/**
 * Plans a meeting (meeting.create), or changes one (meeting.update) when `meeting` is given. A
 * change the meeting's state does not allow (shared/domain/meeting-lifecycle) is disabled with
 * its reason: from 受付 on the date and the removal of invitees, once open any invitee change.
 */
export function PlanMeetingDialog({ meeting, onClose, onSaved }: { meeting?: Meeting; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const editing = Boolean(meeting);
  useReturnFocus();
  const [type, setType] = useState<MeetingType>(meeting?.type ?? 'jusoteki');
  const [title, setTitle] = useState(meeting && meeting.title !== t(`meetings.types.${meeting.type}`) ? meeting.title : '');
  const [date, setDate] = useState(meeting?.date ?? todayIso());
  const [startTime, setStartTime] = useState(meeting?.startTime ?? '14:00');
  const [endTime, setEndTime] = useState(meeting?.endTime ?? '15:30');
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [notes, setNotes] = useState(meeting?.notes ?? '');
  const [copyFrom, setCopyFrom] = useState('');
  const [invitees, setInvitees] = useState<string[]>(meeting?.invitees.map((i) => i.memberId) ?? []);
  const [local, setLocal] = useState<Record<string, string>>({});
  const dateReasonId = useId();
  const dateInputId = useId();
  const inviteesReasonId = useId();
  const state = meeting?.state ?? 'planned';
  const may = (change: MeetingChange) => mayChange(state, change);
  const reason = (change: MeetingChange) => lockedReason(t, state, change);
  // Who was invited when the dialog opened: from 受付 on, they stay (a person who does not come is marked absent).
  const [invitedBefore] = useState(() => new Set(meeting?.invitees.map((i) => i.memberId) ?? []));
  const locked = (id: string) => invitedBefore.has(id) && !may('uninvite');
  // From 受付 on, one reason covers the date, the type and the removal of invitees: said once, at the top.
  const frozen = reason('date');
  const uninviteReason = may('uninvite') ? null : reason('uninvite');
  const inviteReason = may('invite') ? null : reason('invite');
  const reasonIdOf = (r: string | null) => (r === null ? undefined : r === frozen ? dateReasonId : inviteesReasonId);
  const inviteesDescribedBy = [...new Set(['mt-invitees-hint', reasonIdOf(uninviteReason), reasonIdOf(inviteReason)].filter(Boolean))].join(' ');
  const inviteesNote = inviteReason !== null && inviteReason !== frozen ? inviteReason : null;

  const members = useMembers();
  const groups = useMemo(() => groupByOrganization(members.data ?? []), [members.data]);
  const earlier = useQuery({
    queryKey: [...meetingKeys.list, { type }],
    queryFn: () => invoke('meeting.list', { type }),
    enabled: !editing,
  });
  const copyChoices = (earlier.data ?? []).filter((m) => m.date <= date);

  const save = useMutation({
    mutationFn: async () => {
      const fields = {
        title: title.trim() || null,
        date,
        startTime,
        endTime: endTime || null,
        place: place.trim() || null,
        notes: notes.trim() || null,
        inviteeMemberIds: invitees,
      };
      if (meeting) {
        // Only what the state allows is sent: the core would refuse a frozen field even unchanged in intent.
        const { date: _date, inviteeMemberIds: _invitees, ...open } = fields;
        return invoke('meeting.update', {
          id: meeting.id,
          ...open,
          ...(may('date') ? { date } : {}),
          ...(may('invite') || may('uninvite') ? { inviteeMemberIds: invitees } : {}),
          title: title.trim() || t(`meetings.types.${meeting.type}`),
        });
      }
      return invoke('meeting.create', { type, ...fields, ...(copyFrom ? { copyFromMeetingId: copyFrom } : {}) });
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: meetingKeys.list });
      void queryClient.invalidateQueries({ queryKey: ['home.summary'] });
      queryClient.setQueryData(meetingKeys.meeting(result.meeting.id), result.meeting);
      void queryClient.invalidateQueries({ queryKey: meetingKeys.agenda(result.meeting.id) });
      onSaved(result.meeting.id);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!date) errors.date = t('meetings.plan.dateRequired');
    if (!startTime) errors.startTime = t('meetings.plan.startRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  }

  const server = fieldErrors(t, save.error);
  const endError = isKasaneError(save.error, 'meeting_end_before_start') ? formErrorText(t, save.error) : undefined;
  const inviteeError = isKasaneError(save.error, 'invitee_not_active') ? formErrorText(t, save.error) : undefined;
  const err = (f: string) => local[f] ?? server[f];
  const toggle = (ids: string[], on: boolean) =>
    setInvitees((cur) => {
      if (on) return may('invite') ? [...new Set([...cur, ...ids])] : cur;
      return cur.filter((x) => !ids.includes(x) || locked(x));
    });
  const typeName = t(`meetings.types.${type}`);

  return (
    <Modal open onClose={onClose} title={editing ? t('meetings.plan.editHeading') : t('meetings.plan.heading')} wide>
      <form onSubmit={submit} noValidate className="mt-plan-form">
        <LockedNote id={dateReasonId} className="mt-locked-top">
          {frozen}
        </LockedNote>
        <div className="field-row">
          {editing ? null : (
            <SelectField label={t('meetings.plan.type')} required value={type} onChange={(e) => {
              setType(e.target.value as MeetingType);
              setCopyFrom('');
            }}>
              {TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`meetings.types.${ty}`)}
                </option>
              ))}
            </SelectField>
          )}
          <TextField
            label={t('meetings.plan.title')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={80}
            placeholder={typeName}
            hint={t('meetings.plan.titleHint', { type: editing && meeting ? t(`meetings.types.${meeting.type}`) : typeName })}
            error={err('title')}
            autoComplete="off"
          />
        </div>
        <div className="field-row mt-when-row">
          <TextField
            label={t('meetings.plan.date')}
            required
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            className="field-date"
            disabled={!may('date')}
            inputId={dateInputId}
            {...(may('date') ? {} : { 'aria-describedby': `${dateInputId}-hint ${dateReasonId}` })}
            hint={date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? <span className="mt-wareki">{formatWareki(date, { weekday: true })}</span> : undefined}
            error={err('date')}
          />
          <TextField
            label={t('meetings.plan.startTime')}
            required
            type="time"
            value={startTime}
            disabled={!may('time')}
            onChange={(e) => setStartTime(e.target.value)}
            error={err('startTime')}
            className="field-time"
          />
          <TextField
            label={t('meetings.plan.endTime')}
            type="time"
            value={endTime}
            disabled={!may('time')}
            onChange={(e) => setEndTime(e.target.value)}
            error={endError ?? err('endTime')}
            className="field-time"
          />
        </div>
        <TextField
          label={t('meetings.plan.place')}
          value={place}
          disabled={!may('place')}
          onChange={(e) => setPlace(e.target.value)}
          maxLength={80}
          placeholder={t('meetings.plan.placeExample')}
          error={err('place')}
        />
        {!editing && (
          <SelectField label={t('meetings.plan.copyFrom')} value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)} hint={t('meetings.plan.copyHint')}>
            <option value="">{t('meetings.plan.copyNone')}</option>
            {copyChoices.map((m) => (
              <option key={m.id} value={m.id}>
                {formatWareki(m.date)} {m.title}
              </option>
            ))}
          </SelectField>
        )}
        <fieldset className="fieldset mt-invitees" aria-describedby={inviteesDescribedBy}>
          <legend>{t('meetings.plan.invitees')}</legend>
          <p id="mt-invitees-hint" className="field-hint">
            {t('meetings.plan.inviteesHint')} <span className="mt-selected-count">{t('meetings.plan.selectedCount', { count: invitees.length })}</span>
          </p>
          <LockedNote id={inviteesReasonId}>{inviteesNote}</LockedNote>
          {groups.length === 0 && !members.isPending && <p className="mt-none">{t('meetings.plan.noMembers')}</p>}
          {groups.map((g) => {
            const ids = g.members.map((m) => m.id);
            const chosen = ids.filter((id) => invitees.includes(id)).length;
            // The whole organization can be ticked or unticked only as far as the state allows.
            const canAdd = may('invite') && chosen < ids.length;
            const canRemove = ids.some((id) => invitees.includes(id) && !locked(id));
            return (
              <fieldset key={g.id} className="mt-org">
                <legend className="visually-hidden">{g.name}</legend>
                <label className="checkbox checkbox-strong">
                  <input
                    type="checkbox"
                    checked={chosen === ids.length}
                    disabled={chosen === ids.length ? !canRemove : !canAdd}
                    ref={(el) => {
                      if (el) el.indeterminate = chosen > 0 && chosen < ids.length;
                    }}
                    onChange={(e) => toggle(ids, e.target.checked)}
                  />
                  {t('meetings.plan.selectAll', { organization: g.name })}
                </label>
                <div className="checkbox-grid mt-org-members">
                  {g.members.map((m) => {
                    const checked = invitees.includes(m.id);
                    const fixed = checked ? locked(m.id) : !may('invite');
                    return (
                      <label key={m.id} className="checkbox">
                        <input
                          type="checkbox"
                          checked={checked}
                          disabled={fixed}
                          aria-describedby={fixed ? reasonIdOf(checked ? uninviteReason : inviteReason) : undefined}
                          onChange={(e) => toggle([m.id], e.target.checked)}
                        />
                        {m.name}
                        {m.current?.title ? <span className="mt-member-title">（{m.current.title}）</span> : null}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
          {inviteeError && <p className="field-error">{inviteeError}</p>}
        </fieldset>
        <TextAreaField label={t('meetings.plan.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} rows={3} error={err('notes')} />
        {save.error && <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('meetings.plan.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('meetings.plan.submitting') : editing ? t('meetings.plan.save') : t('meetings.plan.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
