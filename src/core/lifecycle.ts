/** The order state machine of SPEC 3. */
export const STATUSES = ['pending', 'confirmed', 'ready', 'completed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];
export type Action = 'pay' | 'confirm' | 'ready' | 'pickup' | 'cancel';

const NEXT: Record<Exclude<Action, 'pay'>, { from: readonly Status[]; to: Status }> = {
  confirm: { from: ['pending'], to: 'confirmed' },
  ready: { from: ['confirmed'], to: 'ready' },
  pickup: { from: ['ready'], to: 'completed' },
  cancel: { from: ['pending', 'confirmed', 'ready'], to: 'cancelled' },
};

export function isFinal(status: Status): boolean {
  return status === 'completed' || status === 'cancelled';
}

const HINT: Record<Status, string> = {
  pending: 'it is still pending: confirm it first with `orders confirm ID --via CHANNEL`',
  confirmed: 'it is still in production: mark it ready first with `orders ready ID`',
  ready: 'it is already ready for pickup',
  completed: 'it is already completed',
  cancelled: 'it has been cancelled',
};

/** null when allowed; otherwise the reason, to follow "Order N cannot be X: ". */
export function refusal(status: Status, action: Action): string | null {
  if (action === 'pay') return isFinal(status) ? HINT[status] : null;
  const rule = NEXT[action];
  if (rule.from.includes(status)) return null;
  if (action === 'confirm' && status !== 'pending') return `it is already ${status}`;
  return HINT[status];
}

export function nextStatus(action: Exclude<Action, 'pay'>): Status {
  return NEXT[action].to;
}

export function isStatus(text: string): text is Status {
  return (STATUSES as readonly string[]).includes(text);
}
