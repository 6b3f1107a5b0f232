/** The order state machine of SPEC 3 (and 10: void, edit). */
export const STATUSES = ['pending', 'confirmed', 'ready', 'completed', 'cancelled', 'void'] as const;
export type Status = (typeof STATUSES)[number];
export type Action = 'pay' | 'confirm' | 'ready' | 'pickup' | 'cancel' | 'edit' | 'void';
type Transition = Exclude<Action, 'pay' | 'edit'>;

const NEXT: Record<Transition, { from: readonly Status[]; to: Status }> = {
  confirm: { from: ['pending'], to: 'confirmed' },
  ready: { from: ['confirmed'], to: 'ready' },
  pickup: { from: ['ready'], to: 'completed' },
  cancel: { from: ['pending', 'confirmed', 'ready'], to: 'cancelled' },
  void: { from: ['pending', 'confirmed', 'ready'], to: 'void' },
};

export function isFinal(status: Status): boolean {
  return status === 'completed' || status === 'cancelled' || status === 'void';
}

const HINT: Record<Status, string> = {
  pending: 'it is still pending: confirm it first with `orders confirm ID --via CHANNEL`',
  confirmed: 'it is still in production: mark it ready first with `orders ready ID`',
  ready: 'it is already ready for pickup',
  completed: 'it is already completed',
  cancelled: 'it has been cancelled',
  void: 'it was voided (entered by mistake)',
};

/** null when allowed; otherwise the reason, to follow "Order N cannot be X: ". */
export function refusal(status: Status, action: Action): string | null {
  if (action === 'pay') return isFinal(status) ? HINT[status] : null;
  // A correction is for an order not yet made: once ready, the goods are what they are.
  if (action === 'edit') {
    if (status === 'pending' || status === 'confirmed') return null;
    return status === 'ready' ? 'it is already ready for pickup, so its goods can no longer change' : HINT[status];
  }
  const rule = NEXT[action];
  if (rule.from.includes(status)) return null;
  if (action === 'confirm' && status !== 'pending') return `it is already ${status}`;
  return HINT[status];
}

export function nextStatus(action: Transition): Status {
  return NEXT[action].to;
}

export function isStatus(text: string): text is Status {
  return (STATUSES as readonly string[]).includes(text);
}
