import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppStatus, Session } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar-date';
import { useAppStatus, useInvoke } from '../api';
import { errorText } from '../errors';
import { formatDate, isMac } from '../format';
import { Home } from '../features/home/Home';
import { EmptySection } from '../features/sections/EmptySection';
import { Settings } from '../features/settings/Settings';
import { DirectoryPage } from '../features/directory/DirectoryPage';
import { CasesPage } from '../features/cases/CasesPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { PledgesPage } from '../features/pledges/PledgesPage';
import { RolesPage } from '../features/roles/RolesPage';
import { DeskPage } from '../features/plans/DeskPage';
import { HelpDialog } from './HelpDialog';
import { SECTIONS, type Section } from './sections';
import { useActivityTouch } from './useActivityTouch';

/** Today's local date, re-read every minute so the header turns over at midnight. */
function useToday(): string {
  const [today, setToday] = useState(() => localIsoDate(new Date()));
  useEffect(() => {
    const timer = window.setInterval(() => setToday(localIsoDate(new Date())), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return today;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

export function Shell({ status, session }: { status: AppStatus; session: Session }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const { refresh, forgetData } = useAppStatus();
  const [section, setSection] = useState<Section>('home');
  // A meeting to open when 会議 is shown from elsewhere (the home page's next-meeting card).
  const [meetingId, setMeetingId] = useState<string | null>(null);
  // A case to open when ケース is shown from elsewhere (会議間の進捗), at its 支援プラン or not.
  const [caseTarget, setCaseTarget] = useState<{ id: string; plans: boolean } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const today = useToday();
  const mac = useRef(isMac()).current;
  const isSample = status.vaultKind === 'sample';
  useActivityTouch();

  const lock = useMutation({
    mutationFn: () => invoke('vault.lock', {}),
    onSettled: () => {
      forgetData();
      void refresh();
    },
  });
  const leaveSample = useMutation({
    mutationFn: () => invoke('vault.select', { kind: 'main' }),
    onSettled: () => {
      forgetData();
      void refresh();
    },
  });

  const doLock = useCallback(() => {
    if (!lock.isPending) lock.mutate();
  }, [lock]);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        doLock();
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-8]$/.test(e.code)) {
        const next = SECTIONS[Number(e.code.slice(5)) - 1];
        if (next) {
          e.preventDefault();
          setHelpOpen(false);
          setMeetingId(null);
          setCaseTarget(null);
          setSection(next.id);
        }
        return;
      }
      if (e.key === 'F1' || (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target))) {
        e.preventDefault();
        setHelpOpen(true);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [doLock]);

  const lockKeys = mac ? t('shell.lockShortcutMac') : t('shell.lockShortcut');

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToMain')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" lang="ja">
            重ね
          </span>
          <span className="brand-org">
            <span className="brand-municipality">{session.municipalityName}</span>
            <span className="brand-secretariat">{session.secretariatName}</span>
          </span>
        </div>
        <div className="header-meta">
          <span className="header-date">
            <span className="visually-hidden">{t('shell.today')}: </span>
            <time dateTime={today}>{formatDate(today, i18n.language)}</time>
          </span>
          <span className="header-staff">
            {t('shell.signedInAs', { name: session.staff.name })}
            <span className="header-role">{t(`staff.roles.${session.role}`)}</span>
          </span>
          <button type="button" className="button button-header-secondary" onClick={() => setHelpOpen(true)} aria-keyshortcuts="F1">
            {t('shell.help')}
          </button>
          <button
            type="button"
            className="button button-lock"
            onClick={doLock}
            disabled={lock.isPending}
            aria-keyshortcuts={mac ? 'Meta+L' : 'Control+L'}
          >
            {lock.isPending ? t('shell.locking') : t('shell.lock')}
            <kbd className="kbd kbd-on-dark">{lockKeys}</kbd>
          </button>
        </div>
      </header>
      {isSample && (
        <div className="sample-banner" role="note">
          <span className="sample-badge">{t('shell.sampleBanner')}</span>
          <span className="sample-banner-text">{t('shell.sampleText')}</span>
          <button type="button" className="button button-small" disabled={leaveSample.isPending} onClick={() => leaveSample.mutate()}>
            {t('shell.leaveSample')}
          </button>
        </div>
      )}
      {(lock.error || leaveSample.error) && (
        <div className="form-error" role="alert">
          {errorText(t, lock.error ?? leaveSample.error)}
        </div>
      )}
      <div className="shell-body">
        <nav className="side-nav" aria-label={t('shell.navLabel')}>
          <ul>
            {SECTIONS.map((s, index) => (
              <li key={s.id}>
                <a
                  href={`#${s.id}`}
                  className="nav-link"
                  aria-current={section === s.id ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${index + 1}`}
                  onClick={(e) => {
                    e.preventDefault();
                    setMeetingId(null);
                    setCaseTarget(null);
                    setSection(s.id);
                  }}
                >
                  <span>{t(`nav.${s.id}`)}</span>
                  <kbd className="kbd nav-kbd" aria-hidden="true">
                    Alt+{index + 1}
                  </kbd>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="main" tabIndex={-1}>
          <SectionPage
            key={`${section}:${meetingId ?? ''}:${caseTarget?.id ?? ''}`}
            section={section}
            today={today}
            meetingId={meetingId}
            caseTarget={caseTarget}
            onOpenMeeting={(id) => {
              setMeetingId(id);
              setCaseTarget(null);
              setSection('meetings');
            }}
            onOpenCase={(id, plans) => {
              setMeetingId(null);
              setCaseTarget({ id, plans });
              setSection('cases');
            }}
            onOpenSection={(id) => {
              setMeetingId(null);
              setCaseTarget(null);
              setSection(id);
            }}
          />
        </main>
      </div>
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} mac={mac} />
    </div>
  );
}

function SectionPage({
  section,
  today,
  meetingId,
  caseTarget,
  onOpenMeeting,
  onOpenCase,
  onOpenSection,
}: {
  section: Section;
  today: string;
  meetingId: string | null;
  caseTarget: { id: string; plans: boolean } | null;
  onOpenMeeting: (id: string) => void;
  onOpenCase: (id: string, plans: boolean) => void;
  onOpenSection: (id: Section) => void;
}) {
  switch (section) {
    case 'home':
      return (
        <Home
          today={today}
          onOpenMeeting={onOpenMeeting}
          onOpenRoles={() => onOpenSection('roles')}
          onOpenSettings={() => onOpenSection('settings')}
          onOpenDesk={() => onOpenSection('desk')}
        />
      );
    case 'meetings':
      return <MeetingsPage initialMeetingId={meetingId} />;
    case 'settings':
      return <Settings />;
    case 'cases':
      return <CasesPage initialCaseId={caseTarget?.id ?? null} focusPlans={caseTarget?.plans ?? false} />;
    case 'pledges':
      return <PledgesPage />;
    case 'directory':
      return <DirectoryPage />;
    case 'roles':
      return <RolesPage today={today} />;
    case 'desk':
      return (
        <DeskPage
          today={today}
          links={{
            onOpenPlan: (id) => onOpenCase(id, true),
            onOpenCase: (id) => onOpenCase(id, false),
            onOpenMeeting,
            onOpenRoles: () => onOpenSection('roles'),
          }}
        />
      );
    default:
      return <EmptySection section={section} />;
  }
}
