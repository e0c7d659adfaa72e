import type { z } from 'zod';
import { appMethods } from './app';
import { vaultMethods } from './vault';
import { settingsMethods } from './settings';
import { homeMethods } from './home';
import { staffMethods } from './staff';
import { directoryMethods } from './directory';
import { casesMethods } from './cases';
import { directoryImportMethods } from './directory-import';
import { meetingsMethods } from './meetings';
import { pledgesMethods } from './pledges';
import { attendanceMethods } from './attendance';
import { minutesMethods } from './minutes';
import { backupMethods } from './backup';
import { plansMethods } from './plans';
import { auditMethods } from './audit';
import { documentsMethods } from './documents';

/** The contract: every method the renderer (or any client) may call, declared once. */
export const contract = {
  ...appMethods,
  ...vaultMethods,
  ...settingsMethods,
  ...homeMethods,
  ...staffMethods,
  ...directoryMethods,
  ...casesMethods,
  ...directoryImportMethods,
  ...meetingsMethods,
  ...pledgesMethods,
  ...attendanceMethods,
  ...minutesMethods,
  ...backupMethods,
  ...plansMethods,
  ...auditMethods,
  ...documentsMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** The methods only an administrator (管理者) may call (issue 17). */
export type AdministratorMethod = { [M in MethodName]: Contract[M]['access'] extends 'administrator' ? M : never }[MethodName];
export const ADMINISTRATOR_METHODS = METHOD_NAMES.filter((m): m is AdministratorMethod => contract[m].access === 'administrator');

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The one function the renderer gets; it does not know which transport carries it. */
export type Invoke = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export * from './errors';
export * from './app';
export * from './vault';
export * from './settings';
export * from './home';
export * from './staff';
export * from './directory';
export * from './cases';
export * from './directory-import';
export * from './meetings';
export * from './pledges';
export * from './attendance';
export * from './minutes';
export * from './backup';
export * from './plans';
export * from './audit';
export * from './documents';
export type { MethodSpec, Access } from './define';
