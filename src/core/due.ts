/**
 * When an order leaves the shop. A delivered order's day is its delivery day (its ETA; an order
 * delivered from the start has its pickup date as ETA), any other order's its pickup date.
 */
export interface DueFacts {
  /** 'pickup' or 'delivery' */
  fulfilment: string;
  pickup_date: string;
  delivery_eta: string | null;
}

export function dueOn(o: DueFacts): string {
  return o.fulfilment === 'delivery' ? o.delivery_eta ?? o.pickup_date : o.pickup_date;
}

/** The columns a new day sets: a delivered order's ETA moves with its pickup date, so messages name one day. */
export function moveDue(o: DueFacts, day: string): { pickup_date: string; delivery_eta?: string } {
  return o.fulfilment === 'delivery' ? { pickup_date: day, delivery_eta: day } : { pickup_date: day };
}
