import { errorsEn } from './errors.en';
import { staffEn } from './staff.en';
import { directoryEn } from './directory.en';
import { casesEn } from './cases.en';
import { meetingsEn } from './meetings.en';
import { pledgesEn } from './pledges.en';
import { rolesEn } from './roles.en';
import { attendanceEn } from './attendance.en';
import { minutesEn } from './minutes.en';
import { auditEn } from './audit.en';
import { backupEn } from './backup.en';
import { plansEn } from './plans.en';
import { releaseEn } from './release.en';
import type { ja } from './ja';

/** The same shape as `T`, every leaf a string: a key missing from `en` is a type error. */
export type DeepStringRecord<T> = { [K in keyof T]: T[K] extends string ? string : DeepStringRecord<T[K]> };

export const en: DeepStringRecord<typeof ja> = {
  app: {
    name: 'Kasane',
    tagline: 'Meetings, pledges and support follow-up for the secretariat of the multi-layered support system',
    documentTitle: '{{page}} — Kasane',
    loading: 'Loading…',
  },
  common: {
    saving: 'Saving…',
    saved: 'Saved.',
    close: 'Close',
    required: 'Required',
    show: 'Show',
    hide: 'Hide',
    minutes: 'min',
    listSeparator: ', ',
  },
  transport: {
    forbiddenTitle: 'This page can no longer be used',
    forbidden:
      'The connection of this page was refused. Open Kasane again from the URL that the kasane command printed when you started it.',
    unreachableTitle: 'Cannot reach Kasane',
    unreachable:
      'Kasane is not responding; the kasane command may have stopped. Start the command again and open the URL it prints.',
    retry: 'Try to connect again',
  },
  fields: {
    municipalityName: 'Municipality',
    secretariatName: 'Secretariat',
    staffName: 'Name of the first staff member',
    staffId: 'Staff member',
    passphrase: 'Passphrase',
    passphraseConfirm: 'Passphrase (again)',
    idleLockMinutes: 'Lock automatically after',
  },
  validation: {
    too_small: 'Please fill this in.',
    too_big: 'This is too long. Please shorten it.',
    invalid: 'Please check this entry.',
    required: 'Please fill this in.',
    outOfRange: 'Enter a number from {{min}} to {{max}}.',
  },
  passphrase: {
    showLabel: 'Show passphrase',
    hideLabel: 'Hide passphrase',
    strengthLabel: 'Strength',
    strength: {
      empty: 'Not entered',
      weak: 'Weak',
      fair: 'Fairly weak',
      good: 'Fair',
      strong: 'Strong',
    },
    problems: {
      too_short: 'Use at least 12 characters (now {{length}}).',
      one_kind: 'Only one kind of character. Mix in digits, symbols or kana/kanji, or use 20 characters or more.',
      repetitive: 'Too many repeated characters or runs such as 123 or abc.',
      common: 'This is a commonly used word and easy to guess.',
      contains_name: 'It consists mostly of the municipality or staff name. Add other words.',
    },
    acceptable: 'This passphrase can be used.',
    mismatch: 'The two passphrases do not match.',
    match: 'The two passphrases match.',
    hint: 'Use a sentence of 12 characters or more made of words that are easy for you to remember and hard for others to guess (e.g. "two cups of tea by the blue chair").',
  },
  firstRun: {
    heading: 'Welcome to Kasane',
    intro1:
      'Kasane helps the secretariat prepare multi-layered support meetings and support meetings, keep confidentiality pledges, minutes, role assignments and support plans — all on this PC only.',
    intro2: 'Everything is stored in an encrypted "vault" and never sent over the internet. Start by creating the vault.',
    formHeading: 'Create the vault',
    organizationLegend: 'Municipality and secretariat',
    staffLegend: 'First staff member',
    passphraseLegend: 'Passphrase',
    municipalityExample: 'e.g. Sakura City',
    secretariatExample: 'e.g. Welfare Division',
    staffExample: 'e.g. Hanako Yamada',
    forgetWarning: 'If the passphrase is forgotten, the vault cannot be opened. Each staff member can have their own passphrase.',
    submit: 'Create the vault',
    submitting: 'Creating…',
    submitDisabledHint: 'You can create the vault once the passphrase is strong enough and both entries match.',
    sampleHeading: 'Try it first',
    sampleText:
      'Try Kasane with a sample vault of a fictional municipality with fictional data. It is a separate file and does not affect the real vault.',
    sampleButton: 'Try with sample data',
    sampleOpening: 'Opening the sample…',
    sampleMissingHeading: 'There is no sample vault yet',
    sampleMissingText: 'Create and open the sample vault, or go back to the real vault.',
  },
  unlock: {
    heading: 'Unlock the vault',
    intro: 'The vault is locked. Choose the staff member and enter the passphrase.',
    introSingle: 'The vault is locked. Enter the passphrase.',
    backupRunning: 'A backup is being written. Do not switch off the PC until it is done.',
    staffLegend: 'Staff member',
    submit: 'Unlock',
    submitting: 'Checking…',
    waiting: 'Please wait {{seconds}} s',
    problemHeading: 'The vault cannot be opened',
    sampleBanner: 'SAMPLE',
    sampleTitle: 'This is the sample vault',
    sampleText: 'It holds fictional data only. Do not enter information about real people.',
    sampleHint: 'Sample passphrase:',
    switchToMain: 'Switch to the real vault',
    trySample: 'Try with sample data',
    trySampleText: 'Try Kasane with fictional data (separate from the real vault).',
    switching: 'Switching…',
  },
  shell: {
    skipToMain: 'Skip to main content',
    signedInAs: 'Staff: {{name}}',
    today: 'Today',
    lock: 'Lock',
    locking: 'Locking…',
    lockShortcut: 'Ctrl+L',
    lockShortcutMac: '⌘L',
    navLabel: 'Sections',
    sampleBanner: 'SAMPLE',
    sampleText: 'You are using the sample vault. All data is fictional. Do not enter information about real people.',
    leaveSample: 'Back to the real vault',
    help: 'Keyboard shortcuts',
  },
  nav: {
    home: 'Home',
    meetings: 'Meetings',
    cases: 'Cases',
    pledges: 'Pledges',
    roles: 'Role assignments',
    settings: 'Settings',
    directory: 'Organizations',
    desk: 'Between meetings',
  },
  shortcuts: {
    heading: 'Keyboard shortcuts',
    intro: 'These keys work on every screen.',
    keyColumn: 'Keys',
    actionColumn: 'Action',
    section: 'Open “{{name}}”',
    lock: 'Lock the vault',
    help: 'Open this list',
    close: 'Close this list',
  },
  /** What an administrator-only refusal names (errors.administrator_only: the method, or what else needed an administrator). */
  administratorOnly: {
    organization: { setExemption: 'pledge exemption', exemptKind: "changing the kind of an exempt organization" },
    staff: { add: 'adding staff', setRole: 'changing a staff role', remove: 'removing staff', createRecoveryKey: 'replacing the recovery key' },
    settings: { update: 'changing settings' },
    backup: { configure: 'backup settings', restore: 'restoring a backup' },
    category: { create: 'adding a category', rename: 'renaming a category', retire: 'retiring a category' },
    pledge: { updateWording: 'changing the pledge wording' },
    audit: { pdf: 'exporting the audit log' },
    import: { exemption: 'pledge exemptions in a CSV import' },
  },
  home: {
    heading: 'Home',
    nextMeetingHeading: 'Next meeting',
    rolesNotice: {
      heading: 'Staff roles (administrator / staff) are now available',
      body: 'Pledge exemptions, adding and removing staff, the recovery key and settings are now decided by administrators only. Every existing account has been made an administrator; change everyone who does not decide these (e.g. not the section chief) to staff.',
      open: 'Review roles in Settings',
      dismiss: 'Close',
    },
    noNextMeeting: 'No meeting is scheduled.',
    noNextMeetingDetail:
      'Plan a meeting on the Meetings screen (Alt+2) and the date and place of the next one appear here.',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    notSet: 'Not set',
    countsHeading: 'Overview',
    meetingTypes: {
      jusoteki: 'Multi-layered support meeting',
      shien: 'Support meeting',
      other: 'Other meeting',
    },
    tiles: {
      meetings: 'Meetings',
      upcoming: 'Upcoming',
      past: 'Held',
      cases: 'Cases',
      openCases: 'Open',
      pledges: 'Pledges',
      pledgesCount: 'Registered',
      roles: 'Role assignments',
      openRoles: 'Open',
      overdueRoles: 'Overdue',
      organizations: 'Organizations',
      organizationsCount: 'Registered',
    },
    empty: {
      meetings: 'No meetings yet. Once meetings are registered, the numbers of upcoming and held meetings appear here.',
      cases: 'No cases yet. Once cases are registered, the number of open cases appears here.',
      pledges: 'No pledges yet. Once the confidentiality pledges of support-meeting attendees are registered, their number appears here.',
      roles: 'No role assignments yet. Once the tasks agreed in meetings (who does what by when) are registered, the open ones are counted here.',
      organizations: 'No organizations yet. Once participating organizations are registered, their number appears here.',
    },
    notBuilt: {
      meetings: 'Managing meetings will be added in a later version.',
      cases: 'Managing cases will be added in a later version.',
      pledges: 'Managing pledges will be added in a later version. Their number will then appear here.',
      roles: 'Managing role assignments will be added in a later version. The open ones will then be counted here.',
      organizations: 'Managing organizations will be added in a later version.',
    },
    laterVersion: 'The list screen comes in a later version.',
  },
  sections: {
    meetings: {
      heading: 'Meetings',
      description:
        'Plan multi-layered support meetings and support meetings: dates, agendas, attendees, collection of handed-out materials, and minutes. A support meeting can only start once every attendee has a valid confidentiality pledge.',
    },
    cases: {
      heading: 'Cases',
      description:
        'Record each case from intake through consent, assessment, support plan, support decision, evaluation and closure. Meeting documents show only the case number and initials.',
    },
    pledges: {
      heading: 'Pledges',
      description:
        'Manage the confidentiality pledges of support-meeting attendees: per meeting, per fiscal year, or by an organization roster, and see who lacks a valid pledge on the day of a meeting.',
    },
    roles: {
      heading: 'Role assignments',
      description:
        'Record the role assignments agreed in meetings (who does what by when), list open and overdue ones by organization, and review their progress at the next meeting.',
    },
    notYet: 'This feature will be added in a later version.',
  },
  settings: {
    heading: 'Settings',
    displayHeading: 'Display',
    displayNote: 'Language and text size are stored on this PC.',
    languageLegend: 'Language',
    languages: {
      ja: '日本語',
      en: 'English',
    },
    textSizeLegend: 'Text size',
    textSizes: {
      standard: 'Standard (16px)',
      large: 'Large (18px)',
      'x-large': 'Extra large (20px)',
    },
    displaySaved: 'Display settings saved.',
    vaultHeading: 'Vault settings',
    idleLockHelp: 'The vault locks itself after this many minutes without activity ({{min}}–{{max}} minutes).',
    saveVault: 'Save vault settings',
  },
  staff: staffEn,
  directory: directoryEn,
  cases: casesEn,
  meetings: meetingsEn,
  pledges: pledgesEn,
  attendance: attendanceEn,
  roles: rolesEn,
  minutes: minutesEn,
  audit: auditEn,
  backup: backupEn,
  plans: plansEn,
  release: releaseEn,
  errors: errorsEn,
};
