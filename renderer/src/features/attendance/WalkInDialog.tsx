import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../shared/contract/directory';
import type { Meeting } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';
import { fieldErrors, isKasaneError } from '../../errors';
import { TextField } from '../../components/forms';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, FormActions, Modal, OrganizationOptions, SelectField, formErrorText, todayIso } from '../directory/ui';
import { useMembers, useReturnFocus } from '../meetings/shared';
import type { GatePerson } from './GateDialogs';
import { isTime, nowTime, useRefreshMeeting } from './shared';

type Mode = 'existing' | 'new';

interface Group {
  name: string;
  members: Member[];
}

function groupByOrganization(members: Member[]): Group[] {
  const groups = new Map<string, Group>();
  for (const m of members) {
    if (!m.current) continue;
    const g = groups.get(m.current.organizationId) ?? { name: m.current.organizationName, members: [] };
    g.members.push(m);
    groups.set(m.current.organizationId, g);
  }
  return [...groups.values()];
}

/** A late arrival refused by the gate: who, and how they came in (to try again once covered). */
export interface BlockedArrival extends GatePerson {
  walkIn: boolean;
  arrivedAt: string;
}

/** The gate refused the walk-in: not a failure of the form, a person to cover. */
class Blocked extends Error {
  constructor(readonly person: BlockedArrival) {
    super('attendee_not_covered');
  }
}

/**
 * 当日参加を追加: an existing member (a filtered list grouped by organization) or a new person.
 * At an open 支援会議 a new person is registered first, so that a refusal by the gate leaves
 * someone whose pledge can be recorded; the refusal goes to `onBlocked`.
 */
export function WalkInDialog({
  meeting,
  onClose,
  onAdded,
  onBlocked,
}: {
  meeting: Meeting;
  onClose: () => void;
  onAdded: (name: string) => void;
  onBlocked: (person: BlockedArrival) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const modeName = useId();
  const listId = useId();
  const [mode, setMode] = useState<Mode>('existing');
  const [query, setQuery] = useState('');
  const [memberId, setMemberId] = useState('');
  const [name, setName] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [title, setTitle] = useState('');
  // On the meeting's day the arrival is now (editable); recorded afterwards, it must be typed in.
  const onTheDay = meeting.date === todayIso();
  const [arrivedAt, setArrivedAt] = useState(() => (onTheDay ? nowTime() : ''));
  const refresh = useRefreshMeeting(meeting.id);
  const [local, setLocal] = useState<Record<string, string>>({});
  const members = useMembers();
  const orgs = useOrganizations(false);
  const activeOrgs = (orgs.data ?? []).filter((o) => !o.retiredAt);
  const invited = useMemo(() => new Set(meeting.invitees.map((i) => i.memberId)), [meeting.invitees]);
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = members.data ?? [];
    const matching = q ? all.filter((m) => [m.name, m.nameKana ?? '', m.current?.organizationName ?? ''].some((v) => v.toLowerCase().includes(q))) : all;
    return groupByOrganization(matching);
  }, [members.data, query]);

  const add = useMutation({
    mutationFn: async (): Promise<{ name: string }> => {
      if (mode === 'existing') {
        const m = (members.data ?? []).find((x) => x.id === memberId)!;
        try {
          await invoke('attendance.addWalkIn', { meetingId: meeting.id, memberId, arrivedAt });
        } catch (error) {
          if (isKasaneError(error, 'attendee_not_covered')) {
            throw new Blocked({
              memberId,
              name: m.name,
              organizationId: m.current?.organizationId ?? null,
              organizationName: m.current?.organizationName ?? '',
              walkIn: true,
              arrivedAt,
            });
          }
          throw error;
        }
        return { name: m.name };
      }
      const person = { name: name.trim(), organizationId, title: title.trim() || null };
      if (meeting.type === 'shien' && meeting.state === 'open') {
        const created = await invoke('member.create', { ...person, startOn: meeting.date });
        try {
          await invoke('attendance.addWalkIn', { meetingId: meeting.id, memberId: created.id, arrivedAt });
        } catch (error) {
          if (isKasaneError(error, 'attendee_not_covered')) {
            throw new Blocked({
              memberId: created.id,
              name: created.name,
              organizationId,
              organizationName: created.current?.organizationName ?? '',
              walkIn: true,
              arrivedAt,
            });
          }
          throw error;
        }
        return { name: created.name };
      }
      await invoke('attendance.addWalkIn', { meetingId: meeting.id, newPerson: person, arrivedAt });
      return { name: person.name };
    },
    onSuccess: (r) => onAdded(r.name),
    onError: (error) => {
      if (error instanceof Blocked) onBlocked(error.person);
      else refresh();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (mode === 'existing' && !memberId) errors.memberId = t('attendance.walkIn.required');
    if (mode === 'new' && !name.trim()) errors.name = t('attendance.walkIn.required');
    if (mode === 'new' && !organizationId) errors.organizationId = t('attendance.walkIn.required');
    if (!isTime(arrivedAt)) errors.arrivedAt = arrivedAt || onTheDay ? t('validation.invalid') : t('attendance.walkIn.arrivedAtAfterwards');
    setLocal(errors);
    if (Object.keys(errors).length === 0) add.mutate();
  }

  const server = fieldErrors(t, add.error);
  const err = (f: string) => local[f] ?? server[f] ?? server[`newPerson.${f}`];
  const changed = () => {
    if (add.error) add.reset();
  };

  return (
    <Modal open onClose={onClose} title={t('attendance.walkIn.heading')}>
      <form onSubmit={submit} noValidate>
        <p>{t('attendance.walkIn.intro')}</p>
        <fieldset className="fieldset">
          <legend>{t('attendance.walkIn.modeLegend')}</legend>
          <div className="choice-group">
            <label className="radio">
              <input
                type="radio"
                name={modeName}
                checked={mode === 'existing'}
                onChange={() => {
                  setMode('existing');
                  setLocal({});
                  changed();
                }}
              />
              {t('attendance.walkIn.existing')}
            </label>
            <label className="radio">
              <input
                type="radio"
                name={modeName}
                checked={mode === 'new'}
                onChange={() => {
                  setMode('new');
                  setLocal({});
                  changed();
                }}
              />
              {t('attendance.walkIn.newPerson')}
            </label>
          </div>
        </fieldset>
        {mode === 'existing' ? (
          <>
            <TextField
              label={t('attendance.walkIn.search')}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              hint={t('attendance.walkIn.searchHint')}
              aria-controls={listId}
              autoFocus
            />
            <div className={`field${err('memberId') ? ' field-invalid' : ''}`}>
              <div className="field-label">
                <label htmlFor={listId}>{t('attendance.walkIn.member')}</label>
              </div>
              <select
                id={listId}
                className="input select at-member-list"
                size={8}
                value={memberId}
                aria-invalid={err('memberId') ? true : undefined}
                aria-describedby={err('memberId') ? `${listId}-error` : undefined}
                onChange={(e) => {
                  setMemberId(e.target.value);
                  changed();
                }}
              >
                {groups.map((g) => (
                  <optgroup key={g.name} label={g.name}>
                    {g.members.map((m) => (
                      <option key={m.id} value={m.id} disabled={invited.has(m.id)}>
                        {m.name}
                        {m.current?.title ? `（${m.current.title}）` : ''}
                        {invited.has(m.id) ? ` ${t('attendance.walkIn.alreadyInvited')}` : ''}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {groups.length === 0 && !members.isPending && <p className="field-hint">{t('attendance.walkIn.noMatch')}</p>}
              {err('memberId') && (
                <p id={`${listId}-error`} className="field-error">
                  {err('memberId')}
                </p>
              )}
            </div>
          </>
        ) : (
          <>
            <TextField
              label={t('attendance.walkIn.name')}
              required
              value={name}
              maxLength={60}
              placeholder={t('attendance.walkIn.nameExample')}
              onChange={(e) => {
                setName(e.target.value);
                changed();
              }}
              error={err('name')}
              autoFocus
            />
            <SelectField
              label={t('attendance.walkIn.organization')}
              required
              value={organizationId}
              onChange={(e) => {
                setOrganizationId(e.target.value);
                changed();
              }}
              error={err('organizationId')}
            >
              <OrganizationOptions first={t('attendance.walkIn.choose')} organizations={activeOrgs} />
            </SelectField>
            <TextField
              label={t('attendance.walkIn.title')}
              value={title}
              maxLength={60}
              placeholder={t('attendance.walkIn.titleExample')}
              onChange={(e) => setTitle(e.target.value)}
              error={err('title')}
            />
          </>
        )}
        <TextField
          label={t('attendance.walkIn.arrivedAt')}
          type="time"
          className="field-time"
          required
          value={arrivedAt}
          onChange={(e) => setArrivedAt(e.target.value)}
          hint={onTheDay ? undefined : t('attendance.walkIn.arrivedAtAfterwards')}
          error={err('arrivedAt')}
        />
        {add.error && !(add.error instanceof Blocked) && <ErrorAlert>{formErrorText(t, add.error)}</ErrorAlert>}
        <FormActions
          cancelLabel={t('attendance.walkIn.cancel')}
          onCancel={onClose}
          submitLabel={t('attendance.walkIn.submit')}
          pending={add.isPending}
          pendingLabel={t('attendance.walkIn.submitting')}
        />
      </form>
    </Modal>
  );
}
