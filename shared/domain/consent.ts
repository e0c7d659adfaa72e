/**
 * 本人同意: whether a case has valid consent on a given day, and what it allows. Pure, so the
 * agenda rule (no 重層的支援会議 without consent), the case lifecycle and the UI all agree.
 */
export interface ConsentRecord {
  id: string;
  givenOn: string; // YYYY-MM-DD
  withdrawnOn: string | null;
  /** May the case be presented at a 重層的支援会議? */
  allowsJusoteki: boolean;
  /** Organizations with which information may be shared. */
  organizationIds: readonly string[];
}

export interface ConsentStatus {
  valid: boolean;
  /** The record that gives the consent (the latest valid one), or null. */
  consentId: string | null;
  allowsJusoteki: boolean;
  organizationIds: readonly string[];
  /** Set when consent was given earlier but is withdrawn on that day. */
  withdrawnOn: string | null;
}

/** Valid on day D when given on or before D and not withdrawn on or before D. */
export function consentOn(records: readonly ConsentRecord[], day: string): ConsentStatus {
  const given = records.filter((r) => r.givenOn <= day).sort((a, b) => (a.givenOn < b.givenOn ? 1 : a.givenOn > b.givenOn ? -1 : 0));
  const current = given.find((r) => r.withdrawnOn === null || r.withdrawnOn > day);
  if (current) {
    return { valid: true, consentId: current.id, allowsJusoteki: current.allowsJusoteki, organizationIds: current.organizationIds, withdrawnOn: null };
  }
  const lastWithdrawn = given.find((r) => r.withdrawnOn !== null)?.withdrawnOn ?? null;
  return { valid: false, consentId: null, allowsJusoteki: false, organizationIds: [], withdrawnOn: lastWithdrawn };
}

export type ConsentDateProblem = 'consent_in_future' | 'consent_before_received';

/** Checks the date of a new consent against today and the day the case was received. */
export function checkConsentDate(givenOn: string, receivedOn: string, today: string): ConsentDateProblem | null {
  if (givenOn > today) return 'consent_in_future';
  if (givenOn < receivedOn) return 'consent_before_received';
  return null;
}

export type WithdrawalProblem = 'withdrawal_before_consent' | 'consent_in_future' | 'consent_already_withdrawn';

export function checkWithdrawal(record: Pick<ConsentRecord, 'givenOn' | 'withdrawnOn'>, withdrawnOn: string, today: string): WithdrawalProblem | null {
  if (record.withdrawnOn !== null) return 'consent_already_withdrawn';
  if (withdrawnOn > today) return 'consent_in_future';
  if (withdrawnOn < record.givenOn) return 'withdrawal_before_consent';
  return null;
}
