/** Fan-out of service events to every connected renderer (IPC windows, SSE clients). */
import type { EventMap, EventName } from '../../shared/contract.js';

export type EventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload);
      } catch (e) {
        console.error(`factdesk: event listener failed for ${event}:`, e);
      }
    }
  }
}
