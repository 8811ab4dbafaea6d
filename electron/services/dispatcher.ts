/**
 * The one dispatcher both hosts bind: validates a method's input against the
 * contract's zod schema, then calls its handler. Hosts add only transport.
 */
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract.js';
import { FactDeskError } from '../../shared/errors.js';

export type Handlers = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export type Dispatch = (method: string, input: unknown) => Promise<unknown>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) throw new FactDeskError('not-found', `unknown method ${method}`, { what: method });
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
      throw new FactDeskError('invalid-input', `invalid input for ${method}: ${detail}`, { detail, method });
    }
    const handler = handlers[method] as (i: unknown) => Promise<unknown>;
    return handler(parsed.data);
  };
}
