/** Whether the services answer (browser mode's event stream up, down, or its token expired). */
import { client, type ConnectionState } from '../client.js';
import { Store } from './store.js';

export const connectionStore = new Store<ConnectionState>('up');
client.onConnection((state) => connectionStore.set(state));
