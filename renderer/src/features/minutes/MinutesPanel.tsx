import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import { WAS_HELD } from '../../../../shared/domain/meeting-lifecycle';
import type { Minutes } from '../../../../shared/contract/minutes';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { useFlash } from '../../components/forms';
import { ConfirmActions, ErrorAlert, Modal } from '../directory/ui';
import { useAgenda, useReturnFocus } from '../meetings/shared';
import { AgendaRail } from './AgendaRail';
import { CloseDialog } from './CloseDialog';
import { DecisionDialog, DecisionList } from './Decisions';
import { AmendDialog, ConfirmDialog, HashLine, MinutesStateBadge, VersionsPanel } from './Lifecycle';
import { MinutesDocuments } from './MinutesDocuments';
import { NotesEditor, SaveStatus } from './NotesEditor';
import { ProgressReview } from './ProgressReview';
import { RoleDialog, RoleTable } from './Roles';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useNotesAutosave } from './useNotesAutosave';
import {
  clock,
  editableState,
  isTyping,
  itemTitle,
  minutesKeys,
  useAttendance,
  useMinutes,
  useNow,
  type AgendaItemT,
  type DecisionT,
  type MinutesItemT,
  type RoleAssignment,
} from './shared';
import './minutes.css';

type Dialog =
  | { kind: 'decision'; item: AgendaItemT; decision: DecisionT | null }
  | { kind: 'removeDecision'; decision: DecisionT }
  | { kind: 'role'; item: AgendaItemT; role: RoleAssignment | null }
  | { kind: 'removeRole'; role: RoleAssignment }
  | { kind: 'help' }
  | { kind: 'close' }
  | { kind: 'confirm' }
  | { kind: 'amend' }
  | null;

/**
 * The minutes of a meeting that has started: meeting mode while it is open (会議の進行), then the
 * draft, 確定, 訂正, versions and documents after 閉会. Nothing of a meeting is shown here before
 * it is open (a 支援会議's case details stay hidden until then).
 */
export function MinutesPanel({ meeting, onOpenMeeting }: { meeting: Meeting; onOpenMeeting: (id: string) => void }) {
  // Only a meeting that was really held (opened) has minutes: not one planned, in 受付 or cancelled.
  if (!WAS_HELD.has(meeting.state)) return null;
  return <MinutesScreen meeting={meeting} onOpenMeeting={onOpenMeeting} />;
}

function MinutesScreen({ meeting, onOpenMeeting }: { meeting: Meeting; onOpenMeeting: (id: string) => void }) {
  const { t } = useTranslation();
  const minutesQ = useMinutes(meeting.id);
  const agendaQ = useAgenda(meeting.id);
  const minutes = minutesQ.data;
  const agenda = agendaQ.data;
  const autosave = useNotesAutosave(meeting.id, minutes);
  const recordName = t(meeting.type === 'shien' ? 'minutes.documents.shienRecord' : 'minutes.documents.record');

  return (
    <section className={`panel mn-panel${meeting.state === 'open' ? ' mn-panel-live' : ''}`} aria-labelledby="mn-heading" data-testid="minutes-panel">
      {(minutesQ.isPending || agendaQ.isPending) && (
        <>
          <h2 id="mn-heading" className="panel-title">
            {meeting.state === 'open' ? t('minutes.heading.live') : recordName}
          </h2>
          <p className="loading-inline">{t('app.loading')}</p>
        </>
      )}
      {(minutesQ.error || agendaQ.error) && (
        <>
          <h2 id="mn-heading" className="panel-title">
            {meeting.state === 'open' ? t('minutes.heading.live') : recordName}
          </h2>
          <ErrorAlert>{errorText(t, minutesQ.error ?? agendaQ.error)}</ErrorAlert>
        </>
      )}
      {minutes && agenda && <Workspace meeting={meeting} minutes={minutes} items={agenda.items} autosave={autosave} recordName={recordName} onOpenMeeting={onOpenMeeting} />}
    </section>
  );
}

/** When the current item's timer last had a known value (a refetch with the same value keeps running from it). */
function useTimerBaseline(itemId: string | null, elapsed: number | undefined) {
  return useMemo(() => ({ itemId, elapsed: elapsed ?? 0, at: Date.now() }), [itemId, elapsed]);
}

function Workspace({
  meeting,
  minutes,
  items,
  autosave,
  recordName,
  onOpenMeeting,
}: {
  meeting: Meeting;
  minutes: Minutes;
  items: AgendaItemT[];
  autosave: ReturnType<typeof useNotesAutosave>;
  recordName: string;
  onOpenMeeting: (id: string) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [flash, setFlash] = useFlash(8000);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [projected, setProjected] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [nextMeetingId, setNextMeetingId] = useState<string | null>(null);
  const notesRef = useRef<HTMLTextAreaElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  const live = minutes.state === 'live' && meeting.state === 'open';
  const editable = editableState(minutes.state);
  const attendance = useAttendance(meeting.id);

  const minutesItems = useMemo(() => new Map(minutes.items.map((i) => [i.itemId, i])), [minutes.items]);
  const currentId = (selectedId && items.some((i) => i.id === selectedId) ? selectedId : null) ?? minutes.currentItemId ?? items[0]?.id ?? null;
  const current = items.find((i) => i.id === currentId) ?? null;
  const currentMinutes = current ? minutesItems.get(current.id) : undefined;
  const caseItems = useMemo(() => items.filter((i) => i.caseId), [items]);

  // The timer of the item in focus: the core's seconds plus the time since they were read.
  const baseline = useTimerBaseline(minutes.currentItemId, minutes.currentItemId ? minutesItems.get(minutes.currentItemId)?.elapsedSeconds : undefined);
  const now = useNow(live);
  const elapsedOf = useCallback(
    (itemId: string) => {
      if (live && itemId === baseline.itemId) return baseline.elapsed + Math.max(0, (now - baseline.at) / 1000);
      return minutesItems.get(itemId)?.elapsedSeconds ?? 0;
    },
    [live, baseline, now, minutesItems],
  );

  const focus = useMutation({
    mutationFn: (itemId: string) => invoke('minutes.focusItem', { meetingId: meeting.id, itemId }),
    onSuccess: (next) => queryClient.setQueryData(minutesKeys.minutes(meeting.id), next),
  });

  // The core remembers the item in focus (and runs its timer while the meeting is in session),
  // so reopening the app returns to it. Confirmed minutes are only read: nothing to remember.
  const goTo = useCallback(
    (itemId: string | undefined) => {
      if (!itemId || itemId === currentId) return;
      void autosave.flush().catch(() => undefined);
      setSelectedId(itemId);
      if (editable) focus.mutate(itemId);
    },
    [autosave, currentId, editable, focus],
  );

  // At 開会 nothing is in focus yet: the first item (開会) starts its timer.
  const firstId = items[0]?.id;
  const startedRef = useRef(false);
  useEffect(() => {
    if (!live || minutes.currentItemId || !firstId || startedRef.current) return;
    startedRef.current = true;
    focus.mutate(firstId);
  }, [live, minutes.currentItemId, firstId, focus]);

  const step = useCallback(
    (delta: number) => {
      const index = items.findIndex((i) => i.id === currentId);
      goTo(items[Math.min(items.length - 1, Math.max(0, index + delta))]?.id);
    },
    [items, currentId, goTo],
  );

  // Need-to-know: someone present who does not take part in this case item.
  const present = (attendance.data?.rows ?? []).filter((r) => r.present === true && !r.leftAt);
  const outsiders = current?.caseId && current.participantMemberIds.length > 0 ? present.filter((r) => !current.participantMemberIds.includes(r.memberId)) : [];
  const hidden = projected && outsiders.length > 0;

  // Keyboard-first: Alt+↓/↑ items, Alt+N notes, Alt+D decision, Alt+R assignment, Alt+P projection, ? help.
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (dialog || (e.target instanceof Element && e.target.closest('dialog'))) return;
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        const action =
          e.code === 'ArrowDown' ? 'next' : e.code === 'ArrowUp' ? 'previous' : e.code === 'KeyN' ? 'notes' : e.code === 'KeyD' ? 'decision' : e.code === 'KeyR' ? 'role' : e.code === 'KeyP' ? 'projection' : null;
        if (!action) return;
        // Alt+↓ opens a drop-down list on Windows: leave it to the list.
        if ((action === 'next' || action === 'previous') && e.target instanceof HTMLSelectElement) return;
        e.preventDefault();
        if (action === 'next') step(1);
        else if (action === 'previous') step(-1);
        else if (action === 'notes') notesRef.current?.focus();
        else if (action === 'decision' && editable && current && !hidden) setDialog({ kind: 'decision', item: current, decision: null });
        else if (action === 'role' && editable && current && !hidden) setDialog({ kind: 'role', item: current, role: null });
        else if (action === 'projection' && live) setProjected((p) => !p);
        return;
      }
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        // This screen's keys, instead of the app-wide list (F1 still opens that one).
        e.preventDefault();
        e.stopPropagation();
        setDialog({ kind: 'help' });
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [dialog, step, editable, current, live, hidden]);

  const remove = useMutation({
    mutationFn: async (target: { kind: 'decision'; id: string } | { kind: 'role'; id: string }) =>
      target.kind === 'decision' ? invoke('minutes.removeDecision', { id: target.id }) : invoke('role.remove', { id: target.id }),
    onSuccess: (_r, target) => {
      void queryClient.invalidateQueries({ queryKey: minutesKeys.minutes(meeting.id) });
      setFlash(t(target.kind === 'decision' ? 'minutes.decisions.removed' : 'minutes.roles.removed'));
      setDialog(null);
    },
  });

  // The projected view shows meeting mode alone (the meeting's facts and 次第 builder step aside).
  useEffect(() => {
    if (!projected) return;
    document.body.classList.add('mn-projecting');
    return () => document.body.classList.remove('mn-projecting');
  }, [projected]);

  const last = minutes.versions.at(-1);
  const nextItem = items.find((i) => i.section === 'next_schedule');
  const nextNotes = nextItem ? (autosave.text(nextItem.id) ?? minutesItems.get(nextItem.id)?.notes ?? '') : '';

  return (
    <div className={projected ? 'mn-projected' : undefined}>
      <div className="mn-head">
        <div className="mn-head-title">
          <h2 id="mn-heading" className="panel-title">
            {live ? t('minutes.heading.live') : recordName}
          </h2>
          <MinutesStateBadge minutes={minutes} />
        </div>
        {editable && <SaveStatus autosave={autosave} />}
        <div className="mn-head-actions">
          {live && (
            <button type="button" className="button button-small" aria-pressed={projected} aria-keyshortcuts="Alt+P" onClick={() => setProjected((p) => !p)}>
              {projected ? t('minutes.projection.on') : t('minutes.projection.off')}
            </button>
          )}
          <button type="button" className="button button-small" aria-keyshortcuts="?" onClick={() => setDialog({ kind: 'help' })}>
            {t('minutes.shortcuts.button')} <kbd className="kbd">?</kbd>
          </button>
          {live && (
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'close' })}>
              {t('minutes.close.button')}
            </button>
          )}
          {(minutes.state === 'draft' || minutes.state === 'amending') && (
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'confirm' })}>
              {t('minutes.confirm.button')}
            </button>
          )}
          {minutes.state === 'confirmed' && (
            <button type="button" className="button" onClick={() => setDialog({ kind: 'amend' })}>
              {t('minutes.amend.button')}
            </button>
          )}
        </div>
      </div>
      {projected && <p className="mn-projection-note">{t('minutes.projection.note')}</p>}
      {minutes.state === 'draft' && <p className="notice mn-state-note">{t('minutes.states.draftNote')}</p>}
      {minutes.state === 'amending' && (
        <p className="notice mn-state-note">{t('minutes.states.amendingNote', { reason: minutes.amendmentReason ?? '', version: (last?.version ?? 0) + 1 })}</p>
      )}
      {minutes.state === 'confirmed' && last && <HashLine version={last} />}
      <p className="mt-flash" role="status">
        {flash}
      </p>
      {nextMeetingId && (
        <div className="notice mn-next" role="status">
          <p>{t('minutes.close.nextCreated')}</p>
          <button type="button" className="button button-small" onClick={() => onOpenMeeting(nextMeetingId)}>
            {t('minutes.close.openNext')}
          </button>
        </div>
      )}
      {focus.error && <ErrorAlert>{errorText(t, focus.error)}</ErrorAlert>}
      {items.length === 0 ? (
        <p className="mn-none">{t('minutes.noItems')}</p>
      ) : (
        <div className="mn-workspace">
          <AgendaRail items={items} minutesItems={minutesItems} currentId={currentId} live={live} elapsedOf={elapsedOf} onSelect={goTo} />
          {current && (
            <FocusPane
              meeting={meeting}
              item={current}
              minutesItem={currentMinutes}
              live={live}
              editable={editable}
              elapsed={elapsedOf(current.id)}
              hidden={hidden}
              outsiders={outsiders.map((r) => r.name)}
              projected={projected}
              autosave={autosave}
              notesRef={notesRef}
              headingRef={headingRef}
              onFlash={setFlash}
              onAddDecision={() => setDialog({ kind: 'decision', item: current, decision: null })}
              onEditDecision={(d) => setDialog({ kind: 'decision', item: current, decision: d })}
              onRemoveDecision={(d) => setDialog({ kind: 'removeDecision', decision: d })}
              onAddRole={() => setDialog({ kind: 'role', item: current, role: null })}
              onEditRole={(r) => setDialog({ kind: 'role', item: current, role: r })}
              onRemoveRole={(r) => setDialog({ kind: 'removeRole', role: r })}
            />
          )}
        </div>
      )}
      {meeting.state === 'closed' && <VersionsPanel key={minutes.versions.length} meetingId={meeting.id} versions={minutes.versions} />}
      {meeting.state === 'closed' && <MinutesDocuments meeting={meeting} minutes={minutes} />}

      {dialog?.kind === 'help' && <ShortcutsHelp live={live} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'decision' && (
        <DecisionDialog
          meetingId={meeting.id}
          item={dialog.item}
          decision={dialog.decision}
          onClose={() => setDialog(null)}
          onSaved={(m) => {
            setDialog(null);
            setFlash(m);
          }}
        />
      )}
      {dialog?.kind === 'role' && (
        <RoleDialog
          meetingId={meeting.id}
          meetingDate={meeting.date}
          item={dialog.item}
          cases={caseItems}
          role={dialog.role}
          onClose={() => setDialog(null)}
          onSaved={(m) => {
            setDialog(null);
            setFlash(m);
          }}
        />
      )}
      {(dialog?.kind === 'removeDecision' || dialog?.kind === 'removeRole') && (
        <RemoveDialog
          text={
            dialog.kind === 'removeDecision'
              ? t('minutes.decisions.removeConfirm', { kind: t(`minutes.decisions.kinds.${dialog.decision.kind}`), text: dialog.decision.text })
              : t('minutes.roles.removeConfirm', { organization: dialog.role.organizationName, action: dialog.role.action })
          }
          title={t(dialog.kind === 'removeDecision' ? 'minutes.decisions.removeTitle' : 'minutes.roles.removeTitle')}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => {
            remove.reset();
            setDialog(null);
          }}
          onConfirm={() => remove.mutate(dialog.kind === 'removeDecision' ? { kind: 'decision', id: dialog.decision.id } : { kind: 'role', id: dialog.role.id })}
        />
      )}
      {dialog?.kind === 'close' && (
        <CloseDialog
          meeting={meeting}
          nextScheduleNotes={nextNotes.trim() || null}
          flushNotes={() => autosave.flush()}
          onClose={() => setDialog(null)}
          onClosed={(id) => {
            setDialog(null);
            setProjected(false);
            setNextMeetingId(id);
            setFlash(t('minutes.close.closed'));
          }}
        />
      )}
      {dialog?.kind === 'confirm' && (
        <ConfirmDialog
          meetingId={meeting.id}
          minutes={minutes}
          agendaItems={items}
          flushNotes={() => autosave.flush()}
          onClose={() => setDialog(null)}
          onConfirmed={(m) => {
            setDialog(null);
            setFlash(t('minutes.confirm.done', { version: m.versions.at(-1)?.version ?? 1 }));
          }}
        />
      )}
      {dialog?.kind === 'amend' && (
        <AmendDialog
          meetingId={meeting.id}
          onClose={() => setDialog(null)}
          onAmending={() => {
            setDialog(null);
            setFlash(t('minutes.amend.started'));
          }}
        />
      )}
    </div>
  );
}

function RemoveDialog({
  title,
  text,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  title: string;
  text: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  useReturnFocus();
  return (
    <Modal open onClose={onClose} title={title}>
      <p>{text}</p>
      {error ? <ErrorAlert>{errorText(t, error)}</ErrorAlert> : null}
      <ConfirmActions cancelLabel={t('minutes.cancel')} onCancel={onClose} confirmLabel={t('minutes.remove')} onConfirm={onConfirm} pending={pending} />
    </Modal>
  );
}

/** 決定事項 or 役割分担 of the item in focus: its heading, the add button (with its shortcut) while the minutes are editable, the list. */
function ItemBlock({ id, heading, addLabel, shortcut, onAdd, children }: { id: string; heading: string; addLabel: string; shortcut: string; onAdd: (() => void) | null; children: ReactNode }) {
  return (
    <section className="mn-block" aria-labelledby={id}>
      <div className="mn-block-head">
        <h4 id={id} className="mn-block-heading">
          {heading}
        </h4>
        {onAdd && (
          <button type="button" className="button button-small" onClick={onAdd} aria-keyshortcuts={shortcut}>
            ＋ {addLabel} <kbd className="kbd">{shortcut}</kbd>
          </button>
        )}
      </div>
      {children}
    </section>
  );
}

function FocusPane({
  meeting,
  item,
  minutesItem,
  live,
  editable,
  elapsed,
  hidden,
  outsiders,
  projected,
  autosave,
  notesRef,
  headingRef,
  onFlash,
  onAddDecision,
  onEditDecision,
  onRemoveDecision,
  onAddRole,
  onEditRole,
  onRemoveRole,
}: {
  meeting: Meeting;
  item: AgendaItemT;
  minutesItem: MinutesItemT | undefined;
  live: boolean;
  editable: boolean;
  elapsed: number;
  hidden: boolean;
  outsiders: string[];
  projected: boolean;
  autosave: ReturnType<typeof useNotesAutosave>;
  notesRef: RefObject<HTMLTextAreaElement | null>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onFlash: (m: string) => void;
  onAddDecision: () => void;
  onEditDecision: (d: DecisionT) => void;
  onRemoveDecision: (d: DecisionT) => void;
  onAddRole: () => void;
  onEditRole: (r: RoleAssignment) => void;
  onRemoveRole: (r: RoleAssignment) => void;
}) {
  const { t } = useTranslation();
  const title = itemTitle(t, item);
  const allotted = item.minutes * 60;
  const over = allotted > 0 && elapsed > allotted;
  return (
    <section className="mn-focus" aria-labelledby="mn-focus-heading" data-testid="focus-pane">
      <div className="mn-focus-head">
        <p className="mn-focus-section">{t(`meetings.sections.${item.section}`)}</p>
        <h3 id="mn-focus-heading" ref={headingRef} tabIndex={-1} className="mn-focus-title">
          {item.caseId && item.kind && <span className={`badge mn-kind mn-kind-${item.kind}`}>{t(`meetings.kinds.${item.kind}`)}</span>}
          {title}
        </h3>
        <p className="mn-focus-meta">
          {item.presenterOrganizationName && <span>{t('minutes.focus.presenter', { organization: item.presenterOrganizationName })}</span>}
          <span className={over ? 'mn-timer mn-timer-over' : 'mn-timer'}>
            {live ? t('minutes.focus.timerLive', { elapsed: clock(elapsed), minutes: item.minutes }) : t('minutes.focus.timer', { elapsed: clock(elapsed), minutes: item.minutes })}
            {over && <> {t('minutes.rail.over', { time: clock(elapsed - allotted) })}</>}
          </span>
        </p>
      </div>
      {hidden ? (
        <div className="mn-guard" role="alert" data-testid="need-to-know-guard">
          <p className="mn-guard-title">{t('minutes.projection.guardTitle')}</p>
          <p>{t('minutes.projection.guardNames', { names: outsiders.join('、') })}</p>
          <p className="mn-guard-hint">{t('minutes.projection.guardHint')}</p>
        </div>
      ) : (
        <>
          {outsiders.length > 0 && !projected && (
            <p className="notice mn-ntk">{t('minutes.projection.outsidersNotice', { names: outsiders.join('、') })}</p>
          )}
          {item.section === 'progress_review' && <ProgressReview meetingId={meeting.id} meetingDate={meeting.date} editable={editable} onFlash={onFlash} />}
          <NotesEditor
            itemId={item.id}
            label={t('minutes.notes.label', { item: title })}
            serverText={minutesItem?.notes ?? ''}
            autosave={autosave}
            readOnly={!editable}
            textareaRef={notesRef}
          />
          <ItemBlock id="mn-decisions-heading" heading={t('minutes.decisions.heading')} addLabel={t('minutes.decisions.add')} shortcut="Alt+D" onAdd={editable ? onAddDecision : null}>
            <DecisionList meetingId={meeting.id} decisions={minutesItem?.decisions ?? []} editable={editable} onEdit={onEditDecision} onRemove={onRemoveDecision} />
          </ItemBlock>
          <ItemBlock id="mn-roles-heading" heading={t('minutes.roles.heading')} addLabel={t('minutes.roles.add')} shortcut="Alt+R" onAdd={editable ? onAddRole : null}>
            <RoleTable roles={minutesItem?.roleAssignments ?? []} editable={editable} onEdit={onEditRole} onRemove={onRemoveRole} />
          </ItemBlock>
        </>
      )}
    </section>
  );
}
