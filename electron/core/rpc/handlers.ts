import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../../shared/contract';
import type { VaultSession } from '../session';
import type { Prefs } from '../../../shared/contract';
import { appHandlers } from './app-handlers';
import { settingsHandlers } from '../settings/settings-handlers';
import { homeHandlers } from '../home/home-handlers';
import { staffHandlers } from '../staff/staff-handlers';
import { directoryHandlers } from '../directory/directory-handlers';
import { casesHandlers } from '../cases/cases-handlers';
import { importHandlers } from '../import/import-handlers';
import { meetingsHandlers } from '../meetings/meetings-handlers';
import { pledgesHandlers } from '../pledges/pledges-handlers';
import { attendanceHandlers } from '../meetings/attendance-handlers';
import { minutesHandlers } from '../minutes/minutes-handlers';
import { backupHandlers } from '../backup/backup-handlers';
import { plansHandlers } from '../plans/plans-handlers';
import { auditHandlers } from '../audit/audit-handlers';
import { documentsHandlers } from '../documents/documents-handlers';
import type { Printer } from '../pdf/printer';

/** What every handler gets: the vault session and per-PC preferences. */
export interface HandlerContext {
  session: VaultSession;
  readPrefs(): Prefs;
  writePrefs(prefs: Prefs): void;
  now(): Date;
  /** The PDF printer, started on first use and kept warm (Chromium under Node, Electron in the app). */
  printer(): Printer;
}

export type Handler<M extends MethodName> = (
  ctx: HandlerContext,
  input: z.output<Contract[M]['input']>,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type HandlerMap = { [M in MethodName]: Handler<M> };

/** One typed map implements the whole contract; a missing method is a compile error. */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...settingsHandlers,
  ...homeHandlers,
  ...staffHandlers,
  ...directoryHandlers,
  ...casesHandlers,
  ...importHandlers,
  ...meetingsHandlers,
  ...pledgesHandlers,
  ...attendanceHandlers,
  ...minutesHandlers,
  ...backupHandlers,
  ...plansHandlers,
  ...auditHandlers,
  ...documentsHandlers,
};
