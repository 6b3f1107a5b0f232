import { UsageError } from './errors.js';
import { percentOf, type Currency } from './money.js';
import { numberSetting, type Settings } from './settings.js';

/** The terms an order is taken under, frozen with it (SPEC 1 "What no other tool does"). */
export interface Terms {
  deposit_percent: number;
  grace_days: number;
  storage_fee_per_day: number;
  cancel_after_days: number;
  delivery_base_fee: number;
  delivery_packaging_fee: number;
  delivery_after_hours_fee: number;
  agreed_on: string;
}

/** A perishable order's terms carry no storage fee, so no notice ever speaks of one. */
export function freezeTerms(settings: Settings, depositPercent: number, today: string, perishable = false): Terms {
  return {
    deposit_percent: depositPercent,
    grace_days: numberSetting(settings, 'pickup.grace_days'),
    storage_fee_per_day: perishable ? 0 : numberSetting(settings, 'storage.fee_per_day'),
    cancel_after_days: numberSetting(settings, 'noshow.cancel_after_days'),
    delivery_base_fee: numberSetting(settings, 'delivery.base_fee'),
    delivery_packaging_fee: numberSetting(settings, 'delivery.packaging_fee'),
    delivery_after_hours_fee: numberSetting(settings, 'delivery.after_hours_fee'),
    agreed_on: today,
  };
}

export type DepositInput = { percent: number } | { amount: number };

/** "50%" or an amount already parsed by the caller. */
export function parseDepositPercent(text: string): number | null {
  const m = /^\s*(\d{1,3})\s*%\s*$/.exec(text);
  if (!m) {
    if (text.includes('%')) throw new UsageError(`Invalid deposit "${text}": use a whole percent from 0 to 100 such as 50%, or an amount.`);
    return null;
  }
  const p = Number(m[1]);
  if (p > 100) throw new UsageError(`Invalid deposit "${text}": a percent must be from 0 to 100.`);
  return p;
}

/**
 * The required DP in minor units and its percent, checked against the minimum. A DP given as
 * an amount is frozen at the whole percent it covers, rounded down: the percent never claims
 * more than the customer agreed to pay (percentOf rounds up, so percentOf of it is at most the amount).
 */
export function requiredDeposit(
  total: number, input: DepositInput, minPercent: number, fmt: (minor: number) => string,
): { amount: number; percent: number } {
  const minimum = percentOf(total, minPercent);
  let amount: number;
  if ('percent' in input) {
    if (input.percent < minPercent) {
      throw new UsageError(`Deposit ${input.percent}% is below the shop's minimum of ${minPercent}% (deposit.min_percent).`);
    }
    amount = percentOf(total, input.percent);
  } else {
    amount = input.amount;
    if (amount > total) throw new UsageError(`Deposit ${fmt(amount)} is more than the order total ${fmt(total)}.`);
    if (amount < minimum) {
      throw new UsageError(`Deposit ${fmt(amount)} is below the shop's minimum of ${minPercent}% (${fmt(minimum)}, deposit.min_percent).`);
    }
  }
  const percent = total === 0 ? 100 : Number((BigInt(amount) * 100n) / BigInt(total));
  return { amount, percent: 'percent' in input ? input.percent : percent };
}

/** Custom or large orders need the customer's written confirmation before production. */
export function needsWrittenConfirmation(
  custom: boolean, total: number, quantity: number, settings: Settings,
): boolean {
  const byTotal = numberSetting(settings, 'confirm.required_total');
  const byQuantity = numberSetting(settings, 'confirm.required_quantity');
  return custom || (byTotal > 0 && total >= byTotal) || (byQuantity > 0 && quantity >= byQuantity);
}

export type { Currency };
