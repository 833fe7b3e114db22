/**
 * A comlink Endpoint over a Node MessagePort or Worker (their 'message' events carry the data itself, not an event
 * object). comlink's own node-adapter ships without typings for its ESM build and mixing its deep import with the
 * bare 'comlink' loads two copies of comlink (stack-notes §5), so the dozen lines live here.
 */
import type { Endpoint } from 'comlink';

/** The part of MessagePort / Worker the adapter uses. */
export interface NodeMessageTarget {
  postMessage(message: unknown, transfer?: readonly any[]): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  off(event: 'message', listener: (data: unknown) => void): unknown;
}

type Listener = EventListenerOrEventListenerObject;

/** Wraps a Node message target as a comlink Endpoint. */
export function nodeEndpoint(target: NodeMessageTarget): Endpoint {
  const listeners = new WeakMap<Listener, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => target.postMessage(message, transfer),
    addEventListener: (_type: string, listener: Listener) => {
      const l = (data: unknown): void => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      target.on('message', l);
      listeners.set(listener, l);
    },
    removeEventListener: (_type: string, listener: Listener) => {
      const l = listeners.get(listener);
      if (!l) return;
      target.off('message', l);
      listeners.delete(listener);
    },
  };
}
