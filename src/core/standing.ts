/**
 * What a customer's record asks of a new order: the DP rises with no-shows
 * (deposit.escalation), and a blacklisted customer is blocked, asked for full payment, or
 * only warned about (blacklist.policy). Pure: the record comes in, the requirement goes out.
 */
export interface CustomerStanding {
  noShows: number;
  blacklisted: boolean;
}

export interface DepositPolicy {
  minPercent: number;
  defaultPercent: number;
  escalation: number[];
  blacklistPolicy: 'block' | 'full-payment' | 'warn';
}

export interface Requirement {
  /** the DP percent suggested when none is given */
  percent: number;
  /** the lowest DP percent accepted for this customer */
  minimum: number;
  /** why the minimum is above the shop's plain minimum, if it is */
  because: string | null;
  block: boolean;
  warn: string | null;
}

export function requirementFor(record: CustomerStanding, p: DepositPolicy): Requirement {
  if (record.blacklisted && p.blacklistPolicy === 'block') {
    return { percent: 100, minimum: 100, because: 'blacklisted (blacklist.policy block)', block: true, warn: null };
  }
  if (record.blacklisted && p.blacklistPolicy === 'full-payment') {
    return { percent: 100, minimum: 100, because: 'blacklisted (blacklist.policy full-payment)', block: false, warn: null };
  }
  const step = p.escalation.length ? p.escalation[Math.min(record.noShows, p.escalation.length - 1)]! : 0;
  const minimum = Math.max(p.minPercent, step);
  const because = step > p.minPercent
    ? `${record.noShows} no-show${record.noShows === 1 ? '' : 's'} on record (deposit.escalation ${p.escalation.join(',')})`
    : null;
  return {
    percent: Math.max(minimum, p.defaultPercent),
    minimum,
    because,
    block: false,
    warn: record.blacklisted ? 'this customer is blacklisted (blacklist.policy warn)' : null,
  };
}
